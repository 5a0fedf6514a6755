/** Versions counted per service from order's answers, and the test of an observed split against the configured weights. */
package io.github.meshrefarch.mesh.load.split;
