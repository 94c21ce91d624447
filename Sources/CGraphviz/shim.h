#ifndef ENTENTE_CGRAPHVIZ_SHIM_H
#define ENTENTE_CGRAPHVIZ_SHIM_H
// pkg-config's `libgvc` cflags put .../include/graphviz on the include path.
#include <gvc.h>
#include <cgraph.h>
#endif
