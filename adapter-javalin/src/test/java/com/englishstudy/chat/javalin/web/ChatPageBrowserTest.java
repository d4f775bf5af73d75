package com.englishstudy.chat.javalin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two learners in two real browsers (Debian's chromium, headless, through chromedriver) on the page the local
 * server serves at {@code /}: one opens a room, the other finds it and joins, they talk both ways, the tutor
 * answers both, a message is read aloud (when espeak-ng is installed), and one leaves. Element hooks are the ids
 * and data-testids listed at the top of app.js. Screenshots of the first learner's chat land in
 * {@code target/screenshots/} for people to look at.
 */
@Timeout(120)
class ChatPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final List<Path> profiles = new ArrayList<>();
    private LocalServer server;
    private ChromeDriver alice;
    private ChromeDriver bob;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "Skipped: no chromium at " + CHROMIUM + " (apt-get install -y chromium chromium-driver)");
        assumeTrue(Files.isExecutable(CHROMEDRIVER),
                "Skipped: no chromedriver at " + CHROMEDRIVER + " (apt-get install -y chromium chromium-driver)");
    }

    @BeforeEach
    void start() throws IOException {
        // Pictures of an earlier failure would only mislead.
        Files.deleteIfExists(SCREENSHOTS.resolve("failure-alice.png"));
        Files.deleteIfExists(SCREENSHOTS.resolve("failure-bob.png"));
        server = LocalServer.start();
        alice = browser();
        bob = browser();
    }

    @AfterEach
    void stop() {
        for (WebDriver driver : new WebDriver[] {alice, bob}) {
            if (driver == null) continue;
            try {
                driver.quit();
            } catch (RuntimeException e) {
                System.err.println("Could not quit a browser: " + e);
            }
        }
        if (server != null) server.close();
        for (Path profile : profiles) deleteTree(profile);
    }

    @Test
    void two_learners_chat_ask_the_tutor_hear_a_message_and_one_leaves() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String aliceId = "alice-" + suffix;
        String bobId = "bob-" + suffix;
        String roomName = "Browser small talk " + suffix;
        try {
            // Alice picks a name and opens a room; she is its first member.
            open(alice);
            chooseName(alice, aliceId);
            alice.findElement(By.id("room-name-input")).sendKeys(roomName);
            alice.findElement(By.id("room-description-input")).sendKeys("Two browsers, one room.");
            new org.openqa.selenium.support.ui.Select(alice.findElement(By.id("room-level-input")))
                    .selectByValue("intermediate");
            alice.findElement(By.id("create-room-submit")).click();
            waitForView(alice, "room");
            waitUntilConnected(alice);
            waitForText(alice, By.id("room-title"), roomName);
            waitForMemberCount(alice, 2 - 1);
            String roomId = (String) ((JavascriptExecutor) alice)
                    .executeScript("return sessionStorage.getItem('englishChat.roomId');");
            assertTrue(roomId != null && !roomId.isBlank(), "the page remembers the room it is in");

            // Bob picks a name, finds the room in the list and joins it.
            open(bob);
            chooseName(bob, bobId);
            By roomCard = By.cssSelector("#room-list li[data-testid='room-item'][data-room-id='" + roomId + "']");
            WebElement card = waitFor(bob).until(ExpectedConditions.visibilityOfElementLocated(roomCard));
            assertEquals(roomName, card.findElement(By.cssSelector(".room-card-name")).getText());
            assertEquals("intermediate", card.getDomAttribute("data-level"));
            card.findElement(By.cssSelector("[data-testid='join-room']")).click();
            waitForView(bob, "room");
            waitUntilConnected(bob);
            waitForMemberCount(bob, 2);

            // Alice sees Bob arrive.
            waitForText(alice, By.id("presence"), bobId + " joined the room.");
            waitForMemberCount(alice, 2);
            waitFor(alice).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#member-list li[data-user-id='" + bobId + "']")));

            // They talk both ways; each sees the other's message as the other's, and their own as confirmed.
            String hello = "Hello " + bobId + "! How was your weekend?";
            say(alice, hello);
            String reply = "Hi " + aliceId + ", it was great. I went hiking.";
            say(bob, reply);
            waitForMessage(bob, aliceId, hello);
            waitForMessage(alice, bobId, reply);
            waitForStored(alice, aliceId, hello);
            waitForStored(bob, bobId, reply);
            assertEquals(List.of(hello, reply), texts(alice), "Alice sees the conversation in order");
            assertEquals(List.of(hello, reply), texts(bob), "Bob sees the conversation in order");

            // Bob asks the tutor; both see the tutor's answer, styled as the tutor.
            bob.findElement(By.id("ask-tutor")).click();
            By tutorMessage = By.cssSelector("#message-list li[data-testid='message'][data-user-id='ai-tutor']"
                    + "[data-message-type='AI_RESPONSE']");
            for (ChromeDriver learner : List.of(alice, bob)) {
                WebElement tutor = waitFor(learner).until(ExpectedConditions.visibilityOfElementLocated(tutorMessage));
                assertTrue(tutor.findElement(By.cssSelector(".message-content")).getText().startsWith("(Offline tutor)"),
                        "the offline tutor answered: " + tutor.getText());
                assertTrue(tutor.getDomAttribute("class").contains("tutor"), "the tutor's message is styled as the tutor's");
                assertTrue(tutor.getText().contains("AI tutor"), "the tutor's message is signed as the tutor's");
            }

            // Read aloud: Alice plays Bob's message; the player gets a link to audio the server really serves.
            if (espeakInstalled()) {
                WebElement bobsMessage = storedMessage(alice, bobId, reply);
                String messageId = bobsMessage.getDomAttribute("data-message-id");
                bobsMessage.findElement(By.cssSelector("[data-testid='play-female']")).click();
                WebElement player = alice.findElement(By.id("voice-player"));
                waitFor(alice).until(ExpectedConditions.attributeToBeNotEmpty(player, "src"));
                waitFor(alice).until(ExpectedConditions.attributeToBe(player, "data-message-id", messageId));
                String src = player.getDomProperty("src");
                assertTrue(src.startsWith(server.baseUri() + "audio/"), "the audio comes from this server: " + src);
                HttpResponse<String> audio = server.get(src.substring(server.baseUri().toString().length() - 1));
                assertEquals(200, audio.statusCode(), "the player's link serves audio");
                assertTrue(audio.headers().firstValue("Content-Type").orElse("").startsWith("audio/"),
                        "the player's link serves audio: " + audio.headers().firstValue("Content-Type"));
            } else {
                System.out.println("espeak-ng is not installed: the read-aloud step of the browser test is skipped.");
            }

            // Pictures of Alice's chat, on a laptop and on a phone.
            assertNoSidewaysScrolling(alice, "on a laptop");
            screenshot(alice, "chat.png");
            // A phone's viewport exactly (390 x 844 CSS pixels, as a mobile page), not a window of that size.
            alice.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
            waitFor(alice).withMessage("the page to lay out for a phone")
                    .until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return window.innerWidth;")).intValue() == 390);
            scrollChatToBottom(alice);
            assertNoSidewaysScrolling(alice, "on a phone");
            screenshot(alice, "chat-phone.png");
            ((JavascriptExecutor) alice).executeScript(
                    "document.getElementById('message-form').scrollIntoView({block: 'end'});");
            screenshot(alice, "chat-phone-composer.png");
            alice.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());

            // Bob leaves: he is back in the lobby, and Alice sees him go.
            bob.findElement(By.id("leave-room")).click();
            waitForView(bob, "lobby");
            waitForText(alice, By.id("presence"), bobId + " left the room.");
            waitForMemberCount(alice, 1);
            waitFor(alice).until(ExpectedConditions.numberOfElementsToBe(
                    By.cssSelector("#member-list li[data-user-id='" + bobId + "']"), 0));
            screenshot(alice, "chat-after-leave.png");

            assertNoPageErrors(alice, "Alice");
            assertNoPageErrors(bob, "Bob");
        } catch (RuntimeException | AssertionError e) {
            screenshotQuietly(alice, "failure-alice.png");
            screenshotQuietly(bob, "failure-bob.png");
            throw e;
        }
    }

    // --- the learner's steps --------------------------------------------------------------------

    private void open(WebDriver driver) {
        driver.get(server.baseUri().toString());
        waitForView(driver, "setup");
    }

    private static void chooseName(WebDriver driver, String name) {
        WebElement input = waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("user-name")));
        input.clear();
        input.sendKeys(name);
        driver.findElement(By.id("save-user-name")).click();
        waitForView(driver, "lobby");
        waitForText(driver, By.id("current-user"), name);
    }

    /** Types a message and sends it with Enter, as a learner would. */
    private static void say(WebDriver driver, String text) {
        WebElement input = waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("message-input")));
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
        waitFor(driver).withMessage("the composer to empty after sending")
                .until(d -> input.getDomProperty("value").isEmpty());
    }

    private static void scrollChatToBottom(WebDriver driver) {
        ((JavascriptExecutor) driver).executeScript(
                "const s = document.getElementById('message-scroller'); s.scrollTop = s.scrollHeight;");
    }

    // --- waiting ------------------------------------------------------------------------------------

    private static WebDriverWait waitFor(WebDriver driver) {
        return new WebDriverWait(driver, WAIT);
    }

    private static void waitForView(WebDriver driver, String view) {
        waitFor(driver).withMessage("the page to show the " + view + " view")
                .until(ExpectedConditions.attributeToBe(By.id("app"), "data-view", view));
    }

    private static void waitUntilConnected(WebDriver driver) {
        waitFor(driver).withMessage("the room's WebSocket to open")
                .until(ExpectedConditions.attributeToBe(By.id("connection-state"), "data-state", "open"));
    }

    private static void waitForMemberCount(WebDriver driver, int count) {
        waitFor(driver).withMessage("the member count to be " + count)
                .until(ExpectedConditions.attributeToBe(By.id("member-count"), "data-count", String.valueOf(count)));
        assertTrue(driver.findElement(By.id("member-count")).getText().startsWith(count + " / "),
                "the member count reads " + count + ": " + driver.findElement(By.id("member-count")).getText());
    }

    private static void waitForText(WebDriver driver, By locator, String text) {
        waitFor(driver).withMessage(locator + " to read '" + text + "'")
                .until(ExpectedConditions.textToBe(locator, text));
    }

    /** A message from {@code userId} with this text is shown (stored, not a pending own send). */
    private static void waitForMessage(WebDriver driver, String userId, String text) {
        waitFor(driver).withMessage("a message from " + userId + " reading '" + text + "'")
                .until(d -> storedMessageOrNull(d, userId, text) != null);
    }

    /** An own send is confirmed by the server: it has a message id and is no longer pending. */
    private static void waitForStored(WebDriver driver, String userId, String text) {
        waitForMessage(driver, userId, text);
        WebElement message = storedMessage(driver, userId, text);
        assertTrue(message.getDomAttribute("class").contains("mine"), "an own message is styled as one's own");
        assertEquals(null, message.getDomAttribute("data-failed"), "the send did not fail");
    }

    private static WebElement storedMessage(WebDriver driver, String userId, String text) {
        WebElement message = storedMessageOrNull(driver, userId, text);
        assertTrue(message != null, "a stored message from " + userId + ": " + text);
        return message;
    }

    private static WebElement storedMessageOrNull(WebDriver driver, String userId, String text) {
        for (WebElement item : driver.findElements(By.cssSelector(
                "#message-list li[data-testid='message'][data-user-id='" + userId + "'][data-message-id]"))) {
            if (item.getDomAttribute("data-pending") != null) continue;
            if (text.equals(item.findElement(By.cssSelector(".message-content")).getText())) return item;
        }
        return null;
    }

    /** The texts of the learners' messages in the list, top to bottom (the tutor's left out). */
    private static List<String> texts(WebDriver driver) {
        List<String> texts = new ArrayList<>();
        for (WebElement item : driver.findElements(By.cssSelector("#message-list li[data-testid='message']"))) {
            if ("ai-tutor".equals(item.getDomAttribute("data-user-id"))) continue;
            texts.add(item.findElement(By.cssSelector(".message-content")).getText());
        }
        return texts;
    }

    /** The page fits the viewport's width: nothing sticks out to the side. */
    private static void assertNoSidewaysScrolling(WebDriver driver, String where) {
        Object widths = ((JavascriptExecutor) driver).executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth];");
        List<?> pair = (List<?>) widths;
        long content = ((Number) pair.get(0)).longValue();
        long viewport = ((Number) pair.get(1)).longValue();
        assertTrue(content <= viewport, "the page is " + content + " px wide in a " + viewport + " px viewport " + where);
    }

    private static void assertNoPageErrors(WebDriver driver, String who) {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) severe.add(entry.getMessage());
        }
        assertTrue(severe.isEmpty(), who + "'s page logged errors: " + severe);
    }

    // --- the browsers -----------------------------------------------------------------------------

    private ChromeDriver browser() {
        Path profile;
        try {
            profile = Files.createTempDirectory("chat-browser-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // The driver is named outright, so Selenium Manager never looks for (or downloads) one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static boolean espeakInstalled() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "espeak-ng")));
    }

    private static void screenshot(WebDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void screenshotQuietly(WebDriver driver, String name) {
        if (driver == null) return;
        try {
            screenshot(driver, name);
        } catch (RuntimeException e) {
            System.err.println("Could not save " + name + ": " + e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + root + ": " + e);
        }
    }
}
