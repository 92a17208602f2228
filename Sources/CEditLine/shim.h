#ifndef MOPS_CEDITLINE_SHIM_H
#define MOPS_CEDITLINE_SHIM_H
/*
 * libedit's native (histedit) API for the mops REPL.
 *
 * el_set, el_get and history() are C-variadic, which Swift cannot call: each operation the REPL
 * uses gets a small static-inline wrapper here (Swift imports and code-generates them, so no .c
 * file is needed). State that must exist once (the SIGINT handler's) lives in the CSignals C target.
 */
#include <stdio.h>
#include <locale.h>
#include <langinfo.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <poll.h>
#include <wchar.h>
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

/* Reading characters through our own function (the REPL wakes it to print events above the prompt). */
static inline int mops_el_set_getcfn(EditLine *el, el_rfunc_t f) { return el_set(el, EL_GETCFN, f); }
/* Redraws the prompt and the line being edited (after text was printed above them). */
static inline int mops_el_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }

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
