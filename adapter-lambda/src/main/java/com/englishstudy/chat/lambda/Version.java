package com.englishstudy.chat.lambda;

/** The build's version, as the jar's manifest says; "dev" when run from classes. */
final class Version {
    private Version() {}

    static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
