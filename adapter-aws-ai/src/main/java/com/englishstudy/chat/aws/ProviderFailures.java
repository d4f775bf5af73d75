package com.englishstudy.chat.aws;

import com.englishstudy.chat.domain.common.ChatException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an SDK failure into the domain's {@link ChatException.ProviderFailed}: 503 when trying again later may
 * work (throttling, an unavailable service, a timeout, no connection), 502 when the provider refused the request
 * or answered with something unusable. The person sees a plain sentence; the details go to the log.
 */
public final class ProviderFailures {
    private static final System.Logger LOG = System.getLogger(ProviderFailures.class.getName());

    /** Error codes of AWS services that mean "busy or not ready, come back later". */
    private static final Set<String> TRANSIENT_CODES = Set.of(
            "ThrottlingException", "Throttling", "TooManyRequestsException", "ServiceUnavailableException",
            "ServiceUnavailable", "ServiceQuotaExceededException", "ModelNotReadyException", "ModelTimeoutException",
            "SlowDown", "RequestTimeout", "RequestTimeoutException");

    private ProviderFailures() {}

    /**
     * @param provider what failed, as a person would name it: "The AI tutor", "Read-aloud", "The audio store"
     */
    public static ChatException.ProviderFailed from(String provider, SdkException e) {
        LOG.log(System.Logger.Level.WARNING, () -> provider + " failed: " + describe(e));
        return switch (e) {
            case AwsServiceException service when isTransient(service) ->
                    new ChatException.ProviderFailed(provider + " is busy right now; please try again in a moment", true, e);
            case AwsServiceException service ->
                    new ChatException.ProviderFailed(provider + " could not handle this request", false, e);
            case SdkClientException client when isTimeout(client) ->
                    new ChatException.ProviderFailed(provider + " did not answer in time; please try again", true, e);
            case SdkClientException client when causedBy(client, IOException.class) ->
                    new ChatException.ProviderFailed(provider + " cannot be reached right now; please try again later", true, e);
            // An answer the SDK could not read, or a client-side fault such as missing credentials.
            default -> new ChatException.ProviderFailed(provider + " failed to answer", false, e);
        };
    }

    /** A refusal that deserves its own sentence, such as text too long to read aloud; a 502. */
    public static ChatException.ProviderFailed refused(String provider, String sentence, SdkException e) {
        LOG.log(System.Logger.Level.WARNING, () -> provider + " refused: " + describe(e));
        return new ChatException.ProviderFailed(sentence, false, e);
    }

    /** One line for the log: the SDK's message already names the service, status and request id. */
    private static String describe(SdkException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root == e ? e.toString() : e + " (caused by " + root + ")";
    }

    private static boolean isTransient(AwsServiceException e) {
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.isThrottlingException() || status == 429 || status == 503 || status == 504
                || (code != null && TRANSIENT_CODES.contains(code));
    }

    private static boolean isTimeout(SdkClientException e) {
        return e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || causedBy(e, InterruptedIOException.class);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }
}
