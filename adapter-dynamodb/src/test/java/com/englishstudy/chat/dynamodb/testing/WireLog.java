package com.englishstudy.chat.dynamodb.testing;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Records the DynamoDB operations a client sends, to count round trips and to prove there is no Scan. */
public final class WireLog implements ExecutionInterceptor {
    private final List<String> operations = new ArrayList<>();

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    public synchronized List<String> operations() {
        return List.copyOf(operations);
    }

    public synchronized void clear() {
        operations.clear();
    }
}
