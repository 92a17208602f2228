/* The REPL's SIGINT handler and its state: one definition of each variable (see mops_signals.h). */
#include "mops_signals.h"
#include <pthread.h>
#include <signal.h>

static volatile sig_atomic_t sigint_flag = 0;
static volatile sig_atomic_t reader_known = 0;
static pthread_t reader_thread;
static sigset_t reader_saved_mask;

static void sigint_handler(int s) {
    (void)s;
    sigint_flag = 1;
    if (reader_known && !pthread_equal(pthread_self(), reader_thread)) {
        pthread_kill(reader_thread, SIGINT);
    }
}

int mops_install_sigint(void) {
    struct sigaction sa;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sa.sa_handler = sigint_handler;
    return sigaction(SIGINT, &sa, NULL);
}

void mops_begin_read(void) {
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGINT);
    reader_known = 0;
    reader_thread = pthread_self();
    pthread_sigmask(SIG_UNBLOCK, &unblock, &reader_saved_mask);
    reader_known = 1;
}

void mops_end_read(void) {
    reader_known = 0;
    pthread_sigmask(SIG_SETMASK, &reader_saved_mask, NULL);
}

int mops_take_sigint(void) {
    int f = sigint_flag;
    sigint_flag = 0;
    return f;
}
