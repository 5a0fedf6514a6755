/** Open-loop HTTP load at a fixed rate: the generator, its runs and windows, and their reports. */
package io.github.meshrefarch.mesh.load.generator;
