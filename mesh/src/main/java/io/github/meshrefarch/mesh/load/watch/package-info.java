/** The live view behind {@code meshctl watch}: a sliding window over order's answers, drawn once a second. */
package io.github.meshrefarch.mesh.load.watch;
