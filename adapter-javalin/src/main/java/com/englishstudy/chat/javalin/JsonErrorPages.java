package com.englishstudy.chat.javalin;

import com.englishstudy.chat.ports.json.ChatJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses in the contract's envelope ({@code {"success": false, "error": ...}}, SPEC 2)
 * instead of its HTML pages: a URL Jetty cannot parse (a bad escape, a NUL, one too long) is refused before
 * any route sees it, and a refused WebSocket upgrade is answered through Jetty's {@code sendError}. The text
 * is Jetty's reason or ours; a 5xx, or a reason that is only an exception's name, says no more than the status.
 * The two handlers repeat each other because Jetty's two error handler classes share no type to extend once.
 */
final class JsonErrorPages {
    private static final List<Charset> UTF_8 = List.of(StandardCharsets.UTF_8);

    private JsonErrorPages() {}

    /** For the server: errors met before a request reaches the servlet context (the request line, the URI). */
    static org.eclipse.jetty.server.handler.ErrorHandler forServer() {
        return new org.eclipse.jetty.server.handler.ErrorHandler() {
            @Override
            public boolean errorPageForMethod(String method) {
                return true;
            }

            @Override
            protected void generateResponse(Request request, Response response, int code, String message,
                                            Throwable cause, Callback callback) throws IOException {
                generateAcceptableResponse(request, response, callback, "application/json", UTF_8, code, message, cause);
            }

            @Override
            protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
                writer.write(envelope(code, message, cause));
            }
        };
    }

    /** For the servlet context: {@code sendError} there, as a refused WebSocket upgrade does. */
    static org.eclipse.jetty.ee10.servlet.ErrorHandler forServlets() {
        return new org.eclipse.jetty.ee10.servlet.ErrorHandler() {
            @Override
            public boolean errorPageForMethod(String method) {
                return true;
            }

            @Override
            protected void generateResponse(Request request, Response response, int code, String message,
                                            Throwable cause, Callback callback) throws IOException {
                generateAcceptableResponse(request, response, callback, "application/json", UTF_8, code, message, cause);
            }

            @Override
            protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
                writer.write(envelope(code, message, cause));
            }
        };
    }

    static String envelope(int code, String message, Throwable cause) {
        if (code >= 500) return ChatJson.failure("Internal server error");
        boolean onlyAnExceptionsName = message == null || message.isBlank()
                || (cause != null && message.equals(cause.toString()));
        return ChatJson.failure(onlyAnExceptionsName ? HttpStatus.getMessage(code) : message);
    }
}
