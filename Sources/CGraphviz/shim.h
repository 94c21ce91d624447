#ifndef ENTENTE_CGRAPHVIZ_SHIM_H
#define ENTENTE_CGRAPHVIZ_SHIM_H
// pkg-config's `libgvc` cflags put .../include/graphviz on the include path.
#include <gvc.h>
#include <cgraph.h>

// cgraph's agtail and aghead are macros, which Swift does not import.
static inline Agnode_t *entente_agtail(Agedge_t *e) { return agtail(e); }
static inline Agnode_t *entente_aghead(Agedge_t *e) { return aghead(e); }
#endif
