package io.github.meshrefarch.mesh.cli;

final class ExitCodes {
    static final int OK = 0;

    private ExitCodes() {}
}
