/**
 * Shared kernel: users and roles, API keys, security, problem details, the clock, and the personal-data
 * extension point every module implements for export and erasure.
 */
@NullMarked
package io.rapport.platform;

import org.jspecify.annotations.NullMarked;
