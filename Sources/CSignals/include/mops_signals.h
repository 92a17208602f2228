#ifndef MOPS_SIGNALS_H
#define MOPS_SIGNALS_H
/*
 * The REPL's SIGINT state, in one C translation unit (signals.c).
 *
 * A handler installed WITHOUT SA_RESTART, so Ctrl-C interrupts the line editor's read(). The kernel
 * may deliver SIGINT to any thread, and in an async Swift program the main actor's jobs do not run
 * on the process's first thread, so the reader marks itself before each read and the handler
 * forwards the signal there. The variables are defined once, in signals.c: a header-only shim with
 * `static` variables gets one copy per object file, and a release build then lost Ctrl-C at the
 * continuation prompt.
 */

/* Installs the handler; returns sigaction's result. */
int mops_install_sigint(void);
/* Call on the thread about to block in el_gets: records it and unblocks SIGINT there. */
void mops_begin_read(void);
/* Call after el_gets returned, on the same thread: restores its signal mask. */
void mops_end_read(void);
/* Returns 1 (and clears the flag) when Ctrl-C was pressed since the last call. */
int mops_take_sigint(void);

#endif
