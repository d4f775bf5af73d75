/*
 * The learner's page: pick a name, find or create a room, chat live, ask the tutor, hear messages.
 * Contract: /work/shared/SPEC.md (REST section 4, WebSocket section 5); see also /openapi.json and /asyncapi.yaml.
 *
 * Hooks for browser tests (every element also has the data-testid shown in brackets):
 *   #app[data-view]              "setup" | "lobby" | "room": which view is showing
 *   #status [status]             notices (a polite live region, always in the page); data-kind="info" |
 *                                "error", or "" when there is nothing to say; text in #status-text [status-text];
 *                                #status-dismiss [status-dismiss] clears it (info notices clear themselves after 8 s)
 *   Name
 *     #user-name [user-name-input], #save-user-name [save-user-name], #user-name-error [user-name-error],
 *     #current-user [current-user], #change-user [change-user]
 *   Lobby
 *     #view-all-rooms [view-all-rooms], #view-my-rooms [view-my-rooms]   (aria-pressed tells which)
 *     #level-filter [level-filter]         <select>: "" (all), "beginner", "intermediate", "advanced"
 *     #refresh-rooms [refresh-rooms]
 *     #room-list [room-list] > li[data-room-id] [room-item]   (data-level, data-private="true|false")
 *         .join-room button [join-room] inside each item
 *         aria-busy="true" while a page is loading (a new filter empties the list at once)
 *     #room-list-empty [room-list-empty], #load-more-rooms [load-more-rooms]
 *     Create: #room-name-input [create-room-name], #room-description-input [create-room-description],
 *             #room-level-input [create-room-level], #room-capacity-input [create-room-capacity],
 *             #room-private-input [create-room-private], #room-password-input [create-room-password]
 *             (shown when private), #create-room-submit [create-room-submit], #create-room-error [create-room-error]
 *     Private room password dialog (opens when a join needs one):
 *             #password-dialog [password-dialog], #join-password [join-password],
 *             #join-password-submit [join-password-submit], #join-password-cancel [join-password-cancel],
 *             #join-password-error [join-password-error]
 *   Room
 *     #room-title [room-title], #room-level [room-level], #member-count [member-count] ("2 / 6 members",
 *     data-count), #presence [presence] (last join/leave), #member-list [member-list] > li[data-user-id],
 *     #connection-state [connection-state] data-state="connecting" | "open" | "reconnecting" | "closed"
 *     #back-to-rooms [back-to-rooms] (keeps membership), #ask-tutor [ask-tutor], #leave-room [leave-room],
 *     #delete-room [delete-room] (shown to the creator only) -> #confirm-dialog [confirm-dialog]:
 *             #confirm-yes [confirm-yes], #confirm-no [confirm-no]
 *     #load-older [load-older]
 *     #message-list [message-list] > li [message]: data-message-id (once stored), data-user-id,
 *             data-message-type, data-client-message-id (own sends), data-pending="true" while not yet
 *             confirmed by the server, data-failed="true" when refused; .message-content holds the text
 *         per stored message: button [play-female] / [play-male] (class play-voice, data-voice);
 *         per failed own message: button [retry-send]
 *     #message-input [message-input] (Enter sends, Shift+Enter new line), #send-button [send-button]
 *     #voice-player [voice-player]: the <audio> element; data-message-id and data-voice of the last reading
 */

const USER_KEY = 'englishChat.userId';
const ROOM_KEY = 'englishChat.roomId';
const TUTOR_ID = 'ai-tutor';
const USER_ID_PATTERN = /^[A-Za-z0-9_.@-]{1,64}$/;
const MAX_MESSAGE_CHARS = 2000;
const ROOM_PAGE_SIZE = 10;
const MESSAGE_PAGE_SIZE = 20;
const PING_EVERY_MS = 60_000;
const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000];
const SEND_TIMEOUT_MS = 20_000;
const INFO_HIDE_MS = 8000;

const $ = (id) => document.getElementById(id);
const enc = encodeURIComponent;

const app = $('app');
const views = { setup: $('view-setup'), lobby: $('view-lobby'), room: $('view-room') };

// ---------------------------------------------------------------------------------------------
// Small helpers

/** A refused REST call: the HTTP status (0 when the server could not be reached) and the server's words. */
class ApiError extends Error {
  constructor(status, serverText) {
    super(serverText || `The server answered ${status}.`);
    this.status = status;
    this.serverText = serverText || '';
  }
}

async function api(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, '');
  }
  let json = null;
  try {
    json = await response.json();
  } catch {
    // A body that is not JSON (a proxy's error page, say) is reported by status below.
  }
  if (response.ok && json && json.success === true) return json.data;
  const text = json && typeof json.error === 'string' ? json.error : '';
  throw new ApiError(response.status, text);
}

/** Plain words for a refused call; `about` names the service for 502/503 ("The AI tutor", "Reading aloud"). */
function describeError(error, about = 'The service') {
  if (!(error instanceof ApiError)) return `Something went wrong: ${error && error.message ? error.message : error}`;
  const said = error.serverText ? ` (${error.serverText})` : '';
  switch (error.status) {
    case 0: return 'Cannot reach the server. Check your connection and try again.';
    case 400: return `That did not work: ${error.serverText || 'please check what you entered.'}`;
    case 401: return `Your connection ticket is no longer valid${said}. Please join the room again.`;
    case 403: return `Not allowed: ${error.serverText || 'you may not do that here.'}`;
    case 404: return `Not found: ${error.serverText || 'it may have been deleted.'}`;
    case 409: return `This room is full${said}.`;
    case 413: return 'That is too long to send.';
    case 429: return `You are going too fast. Please wait a moment and try again${said}.`;
    case 500: return 'Something went wrong on the server. Please try again.';
    case 502: return `${about} failed to answer. Nothing was saved; please try again${said}.`;
    case 503: return `${about} is not available right now${said}. Please try again later.`;
    default: return `Something went wrong (${error.status})${said}.`;
  }
}

// The region stays in the page even when empty (data-kind=""), so screen readers keep listening to it.
let statusTimer = 0;
function showStatus(text, kind = 'info') {
  const region = $('status');
  clearTimeout(statusTimer);
  region.dataset.kind = kind;
  $('status-text').textContent = text;
  $('status-dismiss').hidden = false;
  if (kind === 'info') statusTimer = setTimeout(hideStatus, INFO_HIDE_MS);
}
function showError(error, about) {
  showStatus(typeof error === 'string' ? error : describeError(error, about), 'error');
}
function hideStatus() {
  clearTimeout(statusTimer);
  const dismiss = $('status-dismiss');
  if (document.activeElement === dismiss) $('main').focus();
  dismiss.hidden = true;
  $('status').dataset.kind = '';
  $('status-text').textContent = '';
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'className') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function codePoints(text) {
  return [...text].length;
}

/** crypto.randomUUID needs a secure context; a phone on http://192.168.x.y is not one. */
function newClientMessageId() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function levelLabel(level) {
  return level ? level.charAt(0).toUpperCase() + level.slice(1) : '';
}

function userIdProblem(name) {
  if (!name) return 'Please enter a name.';
  if (!USER_ID_PATTERN.test(name)) return 'Use 1 to 64 letters, digits or the characters _ - . @ (no spaces).';
  if (name.toLowerCase() === TUTOR_ID) return `"${TUTOR_ID}" is the AI tutor's name. Please pick another.`;
  return '';
}

function showView(name) {
  for (const [key, section] of Object.entries(views)) section.hidden = key !== name;
  app.dataset.view = name;
  $('whoami').hidden = !state.userId;
  $('change-user').hidden = name !== 'lobby';
}

function focusHeading(id) {
  const heading = $(id);
  if (heading) heading.focus({ preventScroll: false });
}

// ---------------------------------------------------------------------------------------------
// State

const state = {
  userId: null,
  lobby: { mine: false, level: '', cursor: null, hasMore: false, loading: false, generation: 0 },
  /** @type {RoomSession | null} */
  session: null,
};

// ---------------------------------------------------------------------------------------------
// Name

function initUser() {
  const saved = sessionStorage.getItem(USER_KEY);
  if (saved && !userIdProblem(saved)) {
    state.userId = saved;
    $('current-user').textContent = saved;
    return true;
  }
  sessionStorage.removeItem(USER_KEY);
  return false;
}

function showSetup() {
  showView('setup');
  const input = $('user-name');
  input.value = state.userId || '';
  input.focus();
}

$('user-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('user-name');
  const name = input.value.trim();
  const problem = userIdProblem(name);
  $('user-name-error').textContent = problem;
  input.setAttribute('aria-invalid', problem ? 'true' : 'false');
  if (problem) {
    input.focus();
    return;
  }
  state.userId = name;
  sessionStorage.setItem(USER_KEY, name);
  $('current-user').textContent = name;
  showStatus(`Hello, ${name}! Pick a room or create one.`);
  openLobby();
});

$('change-user').addEventListener('click', () => {
  if (state.session) return;
  showSetup();
});

// ---------------------------------------------------------------------------------------------
// Lobby: listing rooms

function openLobby({ focus = true } = {}) {
  showView('lobby');
  loadRooms(true);
  if (focus) focusHeading('rooms-heading');
}

async function loadRooms(reset) {
  const lobby = state.lobby;
  if (reset) {
    lobby.cursor = null;
    lobby.hasMore = false;
  }
  const generation = ++lobby.generation;
  const params = new URLSearchParams();
  if (lobby.level) params.set('level', lobby.level);
  if (lobby.mine) {
    params.set('joined', 'true');
    params.set('userId', state.userId);
  }
  params.set('limit', String(ROOM_PAGE_SIZE));
  if (!reset && lobby.cursor) params.set('cursor', lobby.cursor);

  const list = $('room-list');
  // Clear at once so nobody (person or test) acts on rooms of the previous filter.
  if (reset) {
    list.replaceChildren();
    $('room-list-empty').hidden = true;
    $('load-more-rooms').hidden = true;
  }
  list.setAttribute('aria-busy', 'true');
  lobby.loading = true;
  $('load-more-rooms').disabled = true;
  try {
    const data = await api('GET', `/rooms?${params}`);
    if (generation !== lobby.generation) return; // the filters changed meanwhile
    for (const room of data.rooms) {
      if (!list.querySelector(`li[data-room-id="${CSS.escape(room.roomId)}"]`)) list.append(roomItem(room));
    }
    lobby.cursor = data.nextCursor;
    lobby.hasMore = Boolean(data.hasMore && data.nextCursor);
    $('room-list-empty').hidden = list.children.length > 0;
    $('room-list-empty').textContent = lobby.mine
      ? 'You have not joined any room yet.'
      : lobby.level ? `No ${lobby.level} rooms yet. Create one!` : 'No rooms yet. Create one!';
  } catch (error) {
    if (generation !== lobby.generation) return;
    showError(error);
  } finally {
    if (generation === lobby.generation) {
      lobby.loading = false;
      list.setAttribute('aria-busy', 'false');
      $('load-more-rooms').hidden = !lobby.hasMore;
      $('load-more-rooms').disabled = false;
    }
  }
}

function roomItem(room) {
  const full = room.currentMembers >= room.maxMembers;
  const titleId = `room-name-${room.roomId}`;
  return el('li', {
    className: 'room-card',
    dataset: { roomId: room.roomId, level: room.level, private: String(room.isPrivate), testid: 'room-item' },
  },
  el('div', { className: 'room-card-main' },
    el('h3', { className: 'room-card-name', id: titleId, text: room.name }),
    el('p', { className: 'room-card-info' },
      el('span', { className: `badge level-${room.level}`, text: levelLabel(room.level) }),
      el('span', { className: 'room-card-count', text: `${room.currentMembers} / ${room.maxMembers} members` }),
      room.isPrivate ? el('span', { className: 'badge badge-private', text: 'Private' }) : null,
      full ? el('span', { className: 'badge badge-full', text: 'Full' }) : null,
      el('span', { className: 'room-card-status', text: room.status === 'active' ? `Last message ${formatTime(room.lastMessageAt)}` : 'New' }),
    ),
  ),
  el('button', {
    type: 'button',
    className: 'join-room button-primary',
    dataset: { testid: 'join-room', roomId: room.roomId },
    'aria-describedby': titleId,
    text: 'Join',
    onclick: (event) => joinFromList(room, event.currentTarget),
  }));
}

function setListMode(mine) {
  state.lobby.mine = mine;
  $('view-all-rooms').setAttribute('aria-pressed', String(!mine));
  $('view-my-rooms').setAttribute('aria-pressed', String(mine));
  loadRooms(true);
}

$('view-all-rooms').addEventListener('click', () => setListMode(false));
$('view-my-rooms').addEventListener('click', () => setListMode(true));
$('level-filter').addEventListener('change', (event) => {
  state.lobby.level = event.target.value;
  loadRooms(true);
});
$('refresh-rooms').addEventListener('click', () => loadRooms(true));
$('load-more-rooms').addEventListener('click', () => {
  if (!state.lobby.loading) loadRooms(false);
});

// ---------------------------------------------------------------------------------------------
// Lobby: joining

/** Asks for a private room's password; resolves to the password, or null when cancelled. */
function askPassword(roomName, problem = '') {
  const dialog = $('password-dialog');
  const input = $('join-password');
  $('password-dialog-text').textContent = `"${roomName}" is private. Enter its password to join.`;
  $('join-password-error').textContent = problem;
  input.setAttribute('aria-invalid', problem ? 'true' : 'false');
  input.value = '';
  return new Promise((resolve) => {
    const form = $('password-form');
    const finish = (value) => {
      form.removeEventListener('submit', onSubmit);
      $('join-password-cancel').removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      if (!input.value) {
        $('join-password-error').textContent = 'Please enter the password.';
        input.focus();
        return;
      }
      finish(input.value);
    };
    const onCancel = (event) => {
      event.preventDefault();
      finish(null);
    };
    form.addEventListener('submit', onSubmit);
    $('join-password-cancel').addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
    input.focus();
  });
}

function confirmAction(text, yesLabel) {
  const dialog = $('confirm-dialog');
  $('confirm-text').textContent = text;
  $('confirm-yes').textContent = yesLabel;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
    dialog.showModal();
    $('confirm-no').focus();
  });
}

async function joinFromList(room, button) {
  if (state.session) return;
  button.disabled = true;
  try {
    // A member rejoins without a password, so try without one first and ask only when refused.
    let body = { userId: state.userId };
    let joined = null;
    let problem = '';
    for (;;) {
      try {
        joined = await api('POST', `/rooms/${enc(room.roomId)}/join`, body);
        break;
      } catch (error) {
        if (error.status === 403 && room.isPrivate) {
          if (body.password !== undefined) problem = error.serverText || 'Wrong password.';
          const password = await askPassword(room.name, problem);
          if (password === null) return;
          body = { userId: state.userId, password };
          continue;
        }
        throw error;
      }
    }
    enterRoom(joined);
  } catch (error) {
    showError(error);
    if (error.status === 404) loadRooms(true);
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Lobby: creating

$('room-private-input').addEventListener('change', (event) => {
  $('room-password-field').hidden = !event.target.checked;
  if (!event.target.checked) $('room-password-input').value = '';
});

$('create-room-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const name = $('room-name-input').value.trim();
  const description = $('room-description-input').value.trim();
  const level = $('room-level-input').value;
  const capacityText = $('room-capacity-input').value.trim();
  const maxMembers = Number(capacityText);
  const isPrivate = $('room-private-input').checked;
  const password = $('room-password-input').value;

  const fail = (message, fieldId) => {
    $('create-room-error').textContent = message;
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    if (fieldId) {
      $(fieldId).setAttribute('aria-invalid', 'true');
      $(fieldId).focus();
    }
  };
  if (!name) return fail('Please give the room a name.', 'room-name-input');
  if (codePoints(name) > 100) return fail('The name can be at most 100 characters.', 'room-name-input');
  if (codePoints(description) > 500) return fail('The description can be at most 500 characters.', 'room-description-input');
  if (!Number.isInteger(maxMembers) || maxMembers < 2 || maxMembers > 50) {
    return fail('Capacity must be a whole number from 2 to 50.', 'room-capacity-input');
  }
  if (isPrivate) {
    if (password.length < 4) return fail('The password needs at least 4 characters.', 'room-password-input');
    if (new TextEncoder().encode(password).length > 72) return fail('The password is too long (at most 72 bytes).', 'room-password-input');
  }
  fail('');

  const body = { name, level, maxMembers, isPrivate, createdBy: state.userId };
  if (description) body.description = description;
  if (isPrivate) body.password = password;

  const submit = $('create-room-submit');
  submit.disabled = true;
  try {
    const room = await api('POST', '/rooms', body);
    form.reset();
    $('room-password-field').hidden = true;
    // The creator is already the first member; joining again just issues a socket ticket.
    const joined = await api('POST', `/rooms/${enc(room.roomId)}/join`, { userId: state.userId });
    enterRoom(joined, `Room "${room.name}" created. Invite others to join!`);
  } catch (error) {
    $('create-room-error').textContent = describeError(error);
    showError(error);
    loadRooms(true);
  } finally {
    submit.disabled = false;
  }
});

// ---------------------------------------------------------------------------------------------
// Room

function enterRoom(joined, notice) {
  state.session = new RoomSession(joined);
  sessionStorage.setItem(ROOM_KEY, joined.room.roomId);
  showView('room');
  showStatus(notice || `You joined "${joined.room.name}".`);
  $('message-input').focus();
}

/** Called by a session when it ends: back to the lobby with a notice. */
function leaveRoomView(notice, kind = 'info') {
  state.session = null;
  sessionStorage.removeItem(ROOM_KEY);
  openLobby({ focus: false });
  if (notice) showStatus(notice, kind);
  focusHeading('rooms-heading');
}

/**
 * One visit to a room: the room's detail, the live socket (reopened by rejoining when it drops),
 * the message list and the sends still waiting for the server.
 */
class RoomSession {
  constructor(joined) {
    this.roomId = joined.room.roomId;
    this.detail = joined.room;
    this.active = true;
    this.closing = false; // set when we end the socket on purpose
    this.deleting = false;
    this.leaving = false;
    this.socket = null;
    this.generation = 0; // counts sockets, so late events from an old one are ignored
    this.attempt = 0;
    this.reconnectTimer = 0;
    this.pingTimer = 0;
    this.olderCursor = null;
    this.loadedHistory = false;
    /** messageId -> li */
    this.messages = new Map();
    /** clientMessageId -> { content, li, status: 'sending' | 'failed', sentOn, timer } in send order */
    this.pending = new Map();

    $('message-list').replaceChildren();
    $('presence').textContent = '';
    $('load-older').hidden = true;
    $('message-list-empty').hidden = true;
    this.renderDetail();
    this.openSocket(joined.roomToken);
    this.loadLatest();
  }

  // --- room detail ---------------------------------------------------------------------------

  renderDetail() {
    const room = this.detail;
    $('room-title').textContent = room.name;
    $('room-level').textContent = levelLabel(room.level);
    $('room-level').className = `badge level-${room.level}`;
    $('room-private').hidden = !room.isPrivate;
    $('room-description').textContent = room.description || '';
    $('room-description').hidden = !room.description;
    $('delete-room').hidden = room.createdBy !== state.userId;
    this.renderMembers();
    document.title = `${room.name} · English Chat Rooms`;
  }

  renderMembers() {
    const room = this.detail;
    const count = $('member-count');
    count.textContent = `${room.currentMembers} / ${room.maxMembers} members`;
    count.dataset.count = String(room.currentMembers);
    $('member-list').replaceChildren(...room.memberIds.map((id) => el('li', { dataset: { userId: id } },
      el('span', { text: id }),
      id === state.userId ? el('span', { className: 'tag', text: 'you' }) : null,
      id === room.createdBy ? el('span', { className: 'tag', text: 'creator' }) : null)));
  }

  // --- socket ----------------------------------------------------------------------------------

  setConnection(stateName, text) {
    const node = $('connection-state');
    node.dataset.state = stateName;
    node.textContent = text;
  }

  openSocket(token) {
    if (!this.active) return;
    const generation = ++this.generation;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.setConnection(this.attempt ? 'reconnecting' : 'connecting', this.attempt ? 'Reconnecting…' : 'Connecting…');
    let socket;
    try {
      socket = new WebSocket(`${scheme}://${location.host}/ws?roomToken=${enc(token)}`);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (!this.active || generation !== this.generation) return;
      const wasReconnect = this.attempt > 0;
      this.attempt = 0;
      this.setConnection('open', 'Connected');
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.sendFrame({ action: 'ping' }), PING_EVERY_MS);
      if (wasReconnect) {
        showStatus('Connection restored.');
        this.loadLatest(); // fill any gap left while we were away
      }
      this.flushPending();
    });
    socket.addEventListener('message', (event) => {
      if (!this.active || generation !== this.generation) return;
      this.onFrame(event.data);
    });
    socket.addEventListener('close', () => {
      if (generation !== this.generation) return;
      clearInterval(this.pingTimer);
      this.socket = null;
      if (!this.active || this.closing) return;
      this.scheduleReconnect();
    });
  }

  sendFrame(frame) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  scheduleReconnect() {
    if (!this.active || this.closing) return;
    clearTimeout(this.reconnectTimer);
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt += 1;
    this.setConnection('reconnecting', `Reconnecting… (try ${this.attempt}, in ${Math.round(delay / 1000)} s)`);
    this.reconnectTimer = setTimeout(() => this.reconnect(), delay);
  }

  /** Reconnects now, e.g. when the browser says it is back online. */
  reconnectSoon() {
    if (!this.active || this.closing || this.socket) return;
    clearTimeout(this.reconnectTimer);
    this.reconnect();
  }

  async reconnect() {
    if (!this.active || this.closing) return;
    this.setConnection('reconnecting', 'Reconnecting…');
    // Check membership first: joining again would re-add someone who left in another tab.
    let room;
    try {
      room = await api('GET', `/rooms/${enc(this.roomId)}`);
    } catch (error) {
      if (!this.active) return;
      if (error.status === 404) return this.end('This room no longer exists.', 'error');
      return this.scheduleReconnect();
    }
    if (!this.active || this.closing) return;
    if (!room.memberIds.includes(state.userId)) {
      return this.end('You are no longer a member of this room (perhaps you left it in another tab).', 'error');
    }
    let joined;
    try {
      joined = await api('POST', `/rooms/${enc(this.roomId)}/join`, { userId: state.userId });
    } catch (error) {
      if (!this.active) return;
      if ([403, 404, 409].includes(error.status)) return this.end(describeError(error), 'error');
      return this.scheduleReconnect();
    }
    if (!this.active || this.closing) return;
    this.detail = joined.room;
    this.renderDetail();
    this.openSocket(joined.roomToken);
  }

  onFrame(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    switch (frame.event) {
      case 'message':
        this.receive(frame, { live: true });
        break;
      case 'presence':
        this.onPresence(frame);
        break;
      case 'room_deleted':
        if (this.leaving) break; // our own leave emptied the room; its answer tells the person
        this.closing = true;
        this.end(this.deleting ? 'You deleted the room.' : 'This room was deleted by its creator.', this.deleting ? 'info' : 'error');
        break;
      case 'error':
        this.onErrorEvent(frame);
        break;
      case 'pong':
      default:
        break;
    }
  }

  onPresence(frame) {
    if (frame.roomId && frame.roomId !== this.roomId) return;
    const room = this.detail;
    const members = room.memberIds.filter((id) => id !== frame.userId);
    if (frame.status === 'joined') members.push(frame.userId);
    this.detail = { ...room, memberIds: members, currentMembers: frame.currentMembers ?? members.length };
    this.renderMembers();
    if (frame.userId === state.userId && frame.status === 'left') {
      if (this.leaving) return; // our own leave; its answer tells the person
      this.closing = true;
      this.end('You left this room (from another tab).', 'info');
      return;
    }
    const who = frame.userId === TUTOR_ID ? 'The AI tutor' : frame.userId;
    $('presence').textContent = frame.status === 'joined' ? `${who} joined the room.` : `${who} left the room.`;
  }

  onErrorEvent(frame) {
    const status = Number(frame.status) || 0;
    const words = frame.error || 'The server refused that.';
    if (status === 401) {
      // The connection expired on the server: rejoin, and the waiting sends go out again.
      showStatus('Your connection expired. Reconnecting…', 'error');
      this.dropSocket();
      return;
    }
    const oldest = [...this.pending.values()].find((p) => p.status === 'sending' && p.sentOn === this.generation);
    if (oldest) this.markFailed(oldest, words);
    showError(status === 429 ? `You are sending messages too fast. Please slow down. (${words})` : words);
  }

  /** Closes the current socket as if it had dropped, so the reconnect path runs. */
  dropSocket() {
    const socket = this.socket;
    this.socket = null;
    this.generation += 1;
    clearInterval(this.pingTimer);
    if (socket) socket.close(1000, 'reconnect');
    this.scheduleReconnect();
  }

  // --- messages --------------------------------------------------------------------------------

  /**
   * Loads the newest page. After a reconnect it keeps paging back (a few pages at most) until it
   * meets a message already shown, so messages sent while we were away are not skipped.
   */
  async loadLatest() {
    const list = $('message-list');
    const firstLoad = !this.loadedHistory;
    list.setAttribute('aria-busy', 'true');
    try {
      let cursor = null;
      for (let page = 0; page < (firstLoad ? 1 : 5); page += 1) {
        const query = `userId=${enc(state.userId)}&limit=${MESSAGE_PAGE_SIZE}${cursor ? `&cursor=${enc(cursor)}` : ''}`;
        const data = await api('GET', `/rooms/${enc(this.roomId)}/messages?${query}`);
        if (!this.active) return;
        const overlaps = this.messages.size === 0 || data.messages.some((m) => this.messages.has(m.messageId));
        for (const message of [...data.messages].reverse()) this.receive(message, { live: false });
        if (firstLoad) {
          this.loadedHistory = true;
          this.olderCursor = data.nextCursor;
          $('load-older').hidden = !(data.hasMore && data.nextCursor);
          this.scrollToBottom();
        }
        if (firstLoad || overlaps || !data.hasMore || !data.nextCursor) break;
        cursor = data.nextCursor;
      }
    } catch (error) {
      if (this.active) showError(error);
    } finally {
      list.setAttribute('aria-busy', 'false');
      this.updateEmpty();
    }
  }

  async loadOlder() {
    if (!this.olderCursor) return;
    const button = $('load-older');
    const list = $('message-list');
    const scroller = $('message-scroller');
    button.disabled = true;
    list.setAttribute('aria-busy', 'true');
    try {
      const data = await api('GET', `/rooms/${enc(this.roomId)}/messages?userId=${enc(state.userId)}`
        + `&limit=${MESSAGE_PAGE_SIZE}&cursor=${enc(this.olderCursor)}`);
      if (!this.active) return;
      const before = scroller.scrollHeight;
      const fragment = document.createDocumentFragment();
      for (const message of [...data.messages].reverse()) {
        if (this.messages.has(message.messageId)) continue;
        const li = this.messageItem(message);
        this.messages.set(message.messageId, li);
        fragment.append(li);
      }
      list.prepend(fragment);
      scroller.scrollTop += scroller.scrollHeight - before; // keep the reader's place
      this.olderCursor = data.nextCursor;
      button.hidden = !(data.hasMore && data.nextCursor);
      if (button.hidden) showStatus('You have reached the first message.');
    } catch (error) {
      if (this.active) showError(error);
    } finally {
      button.disabled = false;
      list.setAttribute('aria-busy', 'false');
      this.updateEmpty();
    }
  }

  /** Shows a stored message once, in storage order; an own pending send becomes it. */
  receive(message, { live }) {
    if (!message || message.roomId !== this.roomId || !message.messageId) return;
    if (this.messages.has(message.messageId)) return;
    const scroller = $('message-scroller');
    const nearBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
    const mine = message.userId === state.userId;
    const pending = mine && message.clientMessageId ? this.pending.get(message.clientMessageId) : null;
    let li;
    if (pending) {
      clearTimeout(pending.timer);
      this.pending.delete(message.clientMessageId);
      li = pending.li;
      this.fillMessage(li, message);
    } else {
      li = this.messageItem(message);
    }
    this.messages.set(message.messageId, li);
    this.placeStored(li);
    this.updateEmpty();
    if (live && (mine || nearBottom)) this.scrollToBottom();
  }

  /** Stored messages sit above the pending ones, ordered by createdAt; ties keep arrival order. */
  placeStored(li) {
    const list = $('message-list');
    const at = li.dataset.createdAt;
    let anchor = null; // insert before this
    for (let node = list.lastElementChild; node; node = node.previousElementSibling) {
      if (node.dataset.pending === 'true') {
        anchor = node;
        continue;
      }
      if (node.dataset.createdAt <= at) break;
      anchor = node;
    }
    list.insertBefore(li, anchor);
  }

  messageItem(message) {
    const li = el('li', { dataset: { testid: 'message' } });
    this.fillMessage(li, message);
    return li;
  }

  /** Writes a stored message into an item (a new one, or the pending item of an own send). */
  fillMessage(li, message) {
    const mine = message.userId === state.userId;
    const tutor = message.userId === TUTOR_ID || message.messageType === 'AI_RESPONSE';
    const author = tutor ? 'AI tutor' : mine ? `${message.userId} (you)` : message.userId;
    li.className = ['message', mine ? 'mine' : '', tutor ? 'tutor' : ''].filter(Boolean).join(' ');
    delete li.dataset.pending;
    delete li.dataset.failed;
    Object.assign(li.dataset, {
      messageId: message.messageId,
      userId: message.userId,
      messageType: message.messageType,
      createdAt: message.createdAt,
    });
    if (message.clientMessageId) li.dataset.clientMessageId = message.clientMessageId;
    li.replaceChildren(el('div', { className: 'message-head' },
      el('span', { className: 'message-author', text: author }),
      tutor ? el('span', { className: 'badge badge-tutor', text: 'Tutor' }) : null,
      message.messageType !== 'TEXT' && !tutor ? el('span', { className: 'badge', text: message.messageType.toLowerCase() }) : null,
      el('time', { className: 'message-time', datetime: message.createdAt, text: formatTime(message.createdAt) })),
    el('p', { className: 'message-content', text: message.content }),
    el('div', { className: 'message-actions', role: 'group', 'aria-label': 'Read aloud' },
      this.playButton(message, 'female'),
      this.playButton(message, 'male')));
  }

  playButton(message, voice) {
    const who = message.userId === TUTOR_ID ? "the tutor's" : `${message.userId}'s`;
    return el('button', {
      type: 'button',
      className: 'play-voice button-quiet',
      dataset: { testid: `play-${voice}`, voice, messageId: message.messageId },
      'aria-label': `Play ${who} message in a ${voice} voice`,
      text: voice === 'female' ? '▶ Female voice' : '▶ Male voice',
      onclick: (event) => this.play(message.messageId, voice, event.currentTarget),
    });
  }

  pendingItem(entry) {
    return el('li', {
      className: 'message mine',
      dataset: {
        testid: 'message',
        userId: state.userId,
        messageType: 'TEXT',
        clientMessageId: entry.clientMessageId,
        pending: 'true',
      },
    },
    el('div', { className: 'message-head' },
      el('span', { className: 'message-author', text: `${state.userId} (you)` }),
      el('span', { className: 'message-state', text: 'Sending…' })),
    el('p', { className: 'message-content', text: entry.content }),
    el('div', { className: 'message-actions' }));
  }

  send(content) {
    const clientMessageId = newClientMessageId();
    const entry = { clientMessageId, content, status: 'sending', sentOn: 0, timer: 0, li: null };
    entry.li = this.pendingItem(entry);
    this.pending.set(clientMessageId, entry);
    $('message-list').append(entry.li);
    this.updateEmpty();
    this.scrollToBottom();
    if (!this.transmit(entry)) showStatus('Not connected right now: your message will be sent when the connection is back.');
  }

  /** Sends (or resends: the same clientMessageId is stored only once) a pending message. */
  transmit(entry) {
    clearTimeout(entry.timer);
    entry.status = 'sending';
    entry.li.dataset.pending = 'true';
    delete entry.li.dataset.failed;
    entry.li.classList.remove('failed');
    entry.li.querySelector('.message-state').textContent = 'Sending…';
    entry.li.querySelector('.message-actions').replaceChildren();
    const sent = this.sendFrame({
      action: 'sendMessage', content: entry.content, messageType: 'TEXT', clientMessageId: entry.clientMessageId,
    });
    if (!sent) return false;
    entry.sentOn = this.generation;
    entry.timer = setTimeout(() => {
      if (this.pending.get(entry.clientMessageId) === entry && entry.status === 'sending' && this.socket) {
        this.markFailed(entry, 'No answer from the server.');
      }
    }, SEND_TIMEOUT_MS);
    return true;
  }

  flushPending() {
    for (const entry of this.pending.values()) if (entry.status === 'sending') this.transmit(entry);
  }

  markFailed(entry, reason) {
    clearTimeout(entry.timer);
    entry.status = 'failed';
    entry.li.dataset.failed = 'true';
    entry.li.classList.add('failed');
    entry.li.querySelector('.message-state').textContent = `Not sent: ${reason}`;
    entry.li.querySelector('.message-actions').replaceChildren(el('button', {
      type: 'button',
      className: 'retry-send button-quiet',
      dataset: { testid: 'retry-send' },
      text: 'Retry',
      onclick: () => {
        if (!this.transmit(entry)) showStatus('Not connected right now: your message will be sent when the connection is back.');
      },
    }), el('button', {
      type: 'button',
      className: 'discard-send button-quiet',
      dataset: { testid: 'discard-send' },
      text: 'Discard',
      onclick: () => {
        this.pending.delete(entry.clientMessageId);
        entry.li.remove();
        this.updateEmpty();
        $('message-input').focus();
      },
    }));
  }

  updateEmpty() {
    $('message-list-empty').hidden = !this.loadedHistory || $('message-list').children.length > 0;
  }

  scrollToBottom() {
    const scroller = $('message-scroller');
    scroller.scrollTop = scroller.scrollHeight;
  }

  // --- actions ---------------------------------------------------------------------------------

  async play(messageId, voice, button) {
    button.disabled = true;
    const label = button.textContent;
    button.textContent = 'Loading…';
    try {
      const data = await api('POST', `/messages/${enc(messageId)}/voice`, { userId: state.userId, voice });
      const player = $('voice-player');
      player.pause();
      player.src = data.audioUrl;
      player.dataset.messageId = data.messageId || messageId;
      player.dataset.voice = data.voice || voice;
      try {
        await player.play();
      } catch (error) {
        if (error && error.name === 'NotAllowedError') showError('Your browser blocked the audio. Press play again.');
        else showError('The audio could not be played in this browser.');
      }
    } catch (error) {
      if (this.active) showError(error, 'Reading aloud');
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  }

  async askTutor() {
    const button = $('ask-tutor');
    button.disabled = true;
    button.textContent = 'The tutor is thinking…';
    button.setAttribute('aria-busy', 'true');
    try {
      const message = await api('POST', `/rooms/${enc(this.roomId)}/ai`, { userId: state.userId });
      if (this.active) this.receive(message, { live: true });
    } catch (error) {
      if (this.active) showError(error, 'The AI tutor');
    } finally {
      button.disabled = false;
      button.textContent = 'Ask the tutor';
      button.removeAttribute('aria-busy');
    }
  }

  async leave() {
    const button = $('leave-room');
    button.disabled = true;
    this.closing = true;
    this.leaving = true;
    try {
      const result = await api('POST', `/rooms/${enc(this.roomId)}/leave`, { userId: state.userId });
      this.end(result.roomDeleted
        ? 'You left. You were the last member, so the room was deleted.'
        : `You left "${this.detail.name}".`, 'info');
    } catch (error) {
      if ([403, 404].includes(error.status)) {
        this.end(describeError(error), 'error');
      } else {
        this.closing = false;
        this.leaving = false;
        showError(error);
        if (!this.socket) this.scheduleReconnect();
      }
    } finally {
      button.disabled = false;
    }
  }

  async remove() {
    const yes = await confirmAction(
      `Delete "${this.detail.name}" for everyone? Its messages will be gone.`, 'Yes, delete');
    if (!yes || !this.active) return;
    const button = $('delete-room');
    button.disabled = true;
    this.closing = true;
    this.deleting = true;
    try {
      await api('DELETE', `/rooms/${enc(this.roomId)}?userId=${enc(state.userId)}`);
      this.end('You deleted the room.', 'info');
    } catch (error) {
      this.deleting = false;
      if (error.status === 404) {
        this.end('This room no longer exists.', 'error');
      } else {
        this.closing = false;
        showError(error);
        if (!this.socket) this.scheduleReconnect();
      }
    } finally {
      button.disabled = false;
    }
  }

  /** Back to the lobby, still a member (the room stays in "My rooms"). */
  goBack() {
    this.end(`You are still a member of "${this.detail.name}"; find it under My rooms.`, 'info');
  }

  /** Ends the visit once: closes the socket, stops timers, returns to the lobby. */
  end(notice, kind) {
    if (!this.active) return;
    this.active = false;
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.pingTimer);
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    if (this.socket) {
      try {
        this.socket.close(1000, 'bye');
      } catch {
        // already closing
      }
    }
    this.socket = null;
    this.setConnection('closed', 'Not connected');
    $('voice-player').pause();
    document.title = 'English Chat Rooms';
    if (state.session === this) leaveRoomView(notice, kind);
  }
}

$('message-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const session = state.session;
  if (!session) return;
  const input = $('message-input');
  const content = input.value;
  if (!content.trim()) {
    showError('Type a message first.');
    input.focus();
    return;
  }
  if (codePoints(content) > MAX_MESSAGE_CHARS) {
    showError(`A message can be at most ${MAX_MESSAGE_CHARS} characters (yours has ${codePoints(content)}).`);
    input.focus();
    return;
  }
  session.send(content);
  input.value = '';
  input.focus();
});

$('message-input').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
    event.preventDefault();
    $('message-form').requestSubmit();
  }
});

$('ask-tutor').addEventListener('click', () => state.session && state.session.askTutor());
$('leave-room').addEventListener('click', () => state.session && state.session.leave());
$('delete-room').addEventListener('click', () => state.session && state.session.remove());
$('back-to-rooms').addEventListener('click', () => state.session && state.session.goBack());
$('load-older').addEventListener('click', () => state.session && state.session.loadOlder());
$('status-dismiss').addEventListener('click', hideStatus);

window.addEventListener('online', () => state.session && state.session.reconnectSoon());
window.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && $('status').dataset.kind && !document.querySelector('dialog[open]')) hideStatus();
});

// ---------------------------------------------------------------------------------------------
// Start: a reload inside a room goes back into it, if this tab's learner is still a member.

async function resumeRoom(roomId) {
  try {
    const room = await api('GET', `/rooms/${enc(roomId)}`);
    if (!room.memberIds.includes(state.userId)) throw new ApiError(403, 'you are no longer a member of that room');
    const joined = await api('POST', `/rooms/${enc(roomId)}/join`, { userId: state.userId });
    if (state.session) return; // the person already went into a room meanwhile
    enterRoom(joined, `Welcome back to "${joined.room.name}".`);
  } catch (error) {
    sessionStorage.removeItem(ROOM_KEY);
    if (error.status !== 404 && error.status !== 403) showError(error);
  }
}

function start() {
  if (!initUser()) {
    showSetup();
    return;
  }
  openLobby({ focus: false });
  const roomId = sessionStorage.getItem(ROOM_KEY);
  if (roomId) resumeRoom(roomId);
}

start();
