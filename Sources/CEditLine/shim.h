#ifndef MOPS_CEDITLINE_SHIM_H
#define MOPS_CEDITLINE_SHIM_H
#include <stdio.h>
#include <signal.h>
#include <locale.h>
#include <langinfo.h>
#include <editline/readline.h>   /* NOT <readline/readline.h>: that is GNU readline's header here */
#include <histedit.h>
#endif
