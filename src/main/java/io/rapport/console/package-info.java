/**
 * The web console: server-rendered pages for every module.
 */
@NullMarked
package io.rapport.console;

import org.jspecify.annotations.NullMarked;
