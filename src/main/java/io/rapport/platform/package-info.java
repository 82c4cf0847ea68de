/**
 * Shared kernel: users and roles, API keys, security, problem details and the clock.
 */
@NullMarked
package io.rapport.platform;

import org.jspecify.annotations.NullMarked;
