/** Order's answers: the versions a 200 body names, and the backend a 502/504 body names. */
package io.github.meshrefarch.mesh.load.order;
