// A bare broadcast peer for chat-bench: the chat's REST and WebSocket shapes with nothing behind them (no
// storage, no validation, no rate limit, no ordering beyond what one Node.js thread gives), to measure the
// machine and the load generator against the same traffic as the real server, in the same hour.
//   PORT=8081 HOST=127.0.0.1 node chat-bench/bare-peer/server.js
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');
const { WebSocketServer } = require('ws');

const rooms = new Map();   // roomId -> Set of sockets
const tokens = new Map();  // roomToken -> { roomId, userId }

function send(res, status, data) {
  const body = JSON.stringify({ success: true, message: 'ok', data });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function readJson(req, then) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => then(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}));
}

const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'up', runtime: 'bare-node-ws' });
  if (req.method === 'POST' && path === '/rooms') {
    return readJson(req, () => {
      const roomId = crypto.randomUUID();
      rooms.set(roomId, new Set());
      send(res, 201, { roomId });
    });
  }
  const join = /^\/rooms\/([^/]+)\/join$/.exec(path);
  if (req.method === 'POST' && join && rooms.has(join[1])) {
    return readJson(req, (body) => {
      const roomToken = crypto.randomUUID();
      tokens.set(roomToken, { roomId: join[1], userId: body.userId });
      send(res, 200, { roomToken, tokenExpiresAt: Math.floor(Date.now() / 1000) + 3600 });
    });
  }
  res.writeHead(404).end();
});

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url, 'http://localhost');
  const ticket = url.pathname === '/ws' && tokens.get(url.searchParams.get('roomToken'));
  if (!ticket) {
    socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    const members = rooms.get(ticket.roomId);
    members.add(ws);
    ws.on('close', () => members.delete(ws));
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString('utf8'));
      // Encoded once, sent to every socket of the room, the sender's too, as the chat server does.
      const event = JSON.stringify({ event: 'message', messageId: crypto.randomUUID(), roomId: ticket.roomId,
        userId: ticket.userId, content: frame.content, messageType: 'TEXT', createdAt: new Date().toISOString(),
        clientMessageId: frame.clientMessageId });
      for (const peer of members) peer.send(event);
    });
  });
});

server.listen(Number(process.env.PORT || 8081), process.env.HOST || '127.0.0.1', () => {
  console.log(`bare peer ready at http://${process.env.HOST || '127.0.0.1'}:${server.address().port}/`);
});
process.on('SIGTERM', () => process.exit(0));
