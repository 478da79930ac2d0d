#ifndef STRATEGYSITE_CCMARK_SHIM_H
#define STRATEGYSITE_CCMARK_SHIM_H
#include <cmark.h>
#endif
