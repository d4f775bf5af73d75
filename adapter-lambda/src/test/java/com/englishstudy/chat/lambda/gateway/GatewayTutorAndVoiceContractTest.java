package com.englishstudy.chat.lambda.gateway;

import com.englishstudy.chat.lambda.testing.AwsStandIns;
import com.englishstudy.chat.ports.contract.ChatEndpoint;
import com.englishstudy.chat.ports.contract.TutorAndVoiceContract;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The tutor on a Bedrock stand-in, read-aloud on a Polly stand-in, the audio on an S3-compatible server. */
class GatewayTutorAndVoiceContractTest extends TutorAndVoiceContract {
    private AwsStandIns aws;

    @Override
    protected ChatEndpoint start(Map<String, String> env) {
        try {
            if (aws == null) aws = new AwsStandIns();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the AWS stand-ins", e);
        }
        Map<String, String> withProviders = new HashMap<>(env);
        withProviders.putAll(aws.environment());
        return GatewayRuntime.start(withProviders);
    }

    @AfterAll
    void stopStandIns() throws Exception {
        if (aws != null) aws.close();
    }
}
