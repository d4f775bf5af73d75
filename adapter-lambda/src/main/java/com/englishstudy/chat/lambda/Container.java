package com.englishstudy.chat.lambda;

import org.crac.Core;

/**
 * This Lambda container's one composition root, built in static initialisation: once per container, during
 * the init phase (which SnapStart snapshots), from the function's environment. The handlers' no-argument
 * constructors, which the Lambda runtime calls, read it from here; nothing else does, so the local gateway and
 * tests, which build their own roots, never trigger this.
 */
final class Container {
    private static final ChatLambda ROOT = ChatLambda.fromEnvironment(System.getenv());
    /** Held here because a CRaC context may keep only a weak reference to what is registered. */
    private static final Priming PRIMING = new Priming(ROOT);

    static {
        Core.getGlobalContext().register(PRIMING);
    }

    private Container() {}

    static ChatLambda root() {
        return ROOT;
    }

    static Priming priming() {
        return PRIMING;
    }
}
