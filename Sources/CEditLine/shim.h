#ifndef MOPS_CEDITLINE_SHIM_H
#define MOPS_CEDITLINE_SHIM_H
/*
 * libedit's native (histedit) API for the mops REPL.
 *
 * el_set, el_get and history() are C-variadic, which Swift cannot call: each operation the REPL
 * uses gets a small static-inline wrapper here (Swift imports and code-generates them, so no .c
 * file is needed). Caveat: each `static` variable below gets one copy per Swift *object file* that
 * uses it (per file in a debug build), so every use of the SIGINT functions must stay in one Swift
 * file: MopsREPL's InterruptSource.swift.
 */
#include <stdio.h>
#include <signal.h>
#include <locale.h>
#include <langinfo.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <pthread.h>
#include <histedit.h>   /* NOT <readline/readline.h>: that is GNU readline's header on Debian */

typedef char *(*mops_prompt_fn)(EditLine *);
typedef unsigned char (*mops_el_fn)(EditLine *, int);

/* ---- EditLine ---- */
/* The prompt callback; text between two `marker` characters (terminal escapes) takes no width. */
static inline int mops_el_set_prompt_esc(EditLine *el, mops_prompt_fn f, char marker) {
    return el_set(el, EL_PROMPT_ESC, f, (int)marker);
}
static inline int mops_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int mops_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int mops_el_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int mops_el_addfn(EditLine *el, const char *name, const char *help, mops_el_fn f) {
    return el_set(el, EL_ADDFN, name, help, f);
}
static inline int mops_el_bind(EditLine *el, const char *key, const char *fn) {
    return el_set(el, EL_BIND, key, fn, (const char *)NULL);
}
static inline int mops_el_set_clientdata(EditLine *el, void *p) { return el_set(el, EL_CLIENTDATA, p); }
static inline void *mops_el_get_clientdata(EditLine *el) {
    void *p = NULL;
    el_get(el, EL_CLIENTDATA, &p);
    return p;
}

/* ---- History ---- */
static inline int mops_history_setsize(History *h, HistEvent *ev, int n) { return history(h, ev, H_SETSIZE, n); }
static inline int mops_history_setunique(History *h, HistEvent *ev, int on) { return history(h, ev, H_SETUNIQUE, on); }
static inline int mops_history_enter(History *h, HistEvent *ev, const char *s) { return history(h, ev, H_ENTER, s); }
static inline int mops_history_load(History *h, HistEvent *ev, const char *path) { return history(h, ev, H_LOAD, path); }
static inline int mops_history_save(History *h, HistEvent *ev, const char *path) { return history(h, ev, H_SAVE, path); }
static inline int mops_history_clear(History *h, HistEvent *ev) { return history(h, ev, H_CLEAR); }
/* H_LAST is the oldest entry, H_PREV walks towards the newest. */
static inline int mops_history_last(History *h, HistEvent *ev) { return history(h, ev, H_LAST); }
static inline int mops_history_prev(History *h, HistEvent *ev) { return history(h, ev, H_PREV); }

/* ---- SIGINT: a handler in C, installed WITHOUT SA_RESTART, so Ctrl-C interrupts el_gets ----
 * The kernel may deliver SIGINT to any thread, and in an async Swift program the main actor's
 * jobs do not run on the process's first thread (libdispatch services the main queue from
 * another one). Only a signal on the thread blocked in el_gets makes its read() return EINTR, so
 * the reader marks itself before each read and the handler forwards the signal there. */
static volatile sig_atomic_t mops_sigint_flag = 0;
static volatile sig_atomic_t mops_reader_known = 0;
static pthread_t mops_reader_thread = 0;
static inline void mops_sigint_handler(int s) {
    (void)s;
    mops_sigint_flag = 1;
    if (mops_reader_known && !pthread_equal(pthread_self(), mops_reader_thread)) {
        pthread_kill(mops_reader_thread, SIGINT);
    }
}
static inline int mops_install_sigint(void) {
    struct sigaction sa;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sa.sa_handler = mops_sigint_handler;
    return sigaction(SIGINT, &sa, NULL);
}
/* Call on the thread that is about to block in el_gets: records it and unblocks SIGINT there
 * (libdispatch's worker threads, which run the main actor, block it). */
static sigset_t mops_reader_saved_mask = {{0}};
static inline void mops_begin_read(void) {
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGINT);
    mops_reader_known = 0;
    mops_reader_thread = pthread_self();
    pthread_sigmask(SIG_UNBLOCK, &unblock, &mops_reader_saved_mask);
    mops_reader_known = 1;
}
/* Call after el_gets returned, on the same thread: restores its signal mask. */
static inline void mops_end_read(void) {
    mops_reader_known = 0;
    pthread_sigmask(SIG_SETMASK, &mops_reader_saved_mask, NULL);
}
/* Returns 1 (and clears the flag) when Ctrl-C was pressed since the last call. */
static inline int mops_take_sigint(void) {
    int f = mops_sigint_flag;
    mops_sigint_flag = 0;
    return f;
}

/* ---- Locale: libedit silently drops non-ASCII input unless LC_CTYPE is a UTF-8 locale ---- */
static inline void mops_use_utf8_locale(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL || (codeset[0] != 'U' && codeset[0] != 'u')) {
        setlocale(LC_CTYPE, "C.UTF-8");
    }
}
/* ---- Terminal width (ioctl is variadic) ---- */
static inline int mops_terminal_columns(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}
#endif
