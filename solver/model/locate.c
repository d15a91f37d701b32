/* locate.c - line and column for the diagnostics of a validation. Errors
 * keep the node they are about; at the end one walk numbers the document's
 * nodes in pre-order and one pass over the text (ars__json_locate) finds all
 * of them, instead of a search of the text per error. */
#include "model/vctx.h"

#include <stdlib.h>

static int cmp_pend_node(const void *a, const void *b)
{
    const ars__pending *x = a, *y = b;
    if (x->node != y->node)
        return (size_t)x->node < (size_t)y->node ? -1 : 1;
    return 0;
}

static int cmp_pend_seq(const void *a, const void *b)
{
    const ars__pending *x = a, *y = b;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return 0;
}

static void number_nodes(const cJSON *v, size_t *seq, ars__pending *p, size_t n)
{
    /* Iterative pre-order walk (cJSON has no parent links, so parents are
     * kept on a stack; the scanner bounds the depth to 1000). */
    const cJSON *stack[1002];
    int depth = 0;
    const cJSON *cur = v;
    while (cur) {
        ars__pending key;
        ars__pending *hit;
        key.node = cur;
        hit = bsearch(&key, p, n, sizeof *p, cmp_pend_node);
        if (hit) {
            /* Every pending entry of this node (they are adjacent). */
            ars__pending *lo = hit, *hi = hit;
            while (lo > p && lo[-1].node == cur)
                lo--;
            while (hi + 1 < p + n && hi[1].node == cur)
                hi++;
            for (; lo <= hi; lo++)
                lo->seq = *seq;
        }
        (*seq)++;
        if (cur->child && depth < 1001) {
            stack[depth++] = cur;
            cur = cur->child;
            continue;
        }
        while (cur != v && !cur->next) {
            if (depth == 0)
                return;
            cur = stack[--depth];
        }
        if (cur == v)
            return;
        cur = cur->next;
    }
}

void ars__locate_pending(ars__vctx *c)
{
    size_t seq = 0, i, nu = 0;
    size_t *seqs;
    int *vl, *vc, *kl, *kc;
    if (c->npend == 0 || !c->text)
        return;
    qsort(c->pend, c->npend, sizeof *c->pend, cmp_pend_node);
    number_nodes(c->m->doc, &seq, c->pend, c->npend);
    qsort(c->pend, c->npend, sizeof *c->pend, cmp_pend_seq);
    seqs = ars__malloc(c->npend * sizeof *seqs);
    vl = ars__malloc(c->npend * sizeof *vl);
    vc = ars__malloc(c->npend * sizeof *vc);
    kl = ars__malloc(c->npend * sizeof *kl);
    kc = ars__malloc(c->npend * sizeof *kc);
    if (seqs && vl && vc && kl && kc) {
        for (i = 0; i < c->npend; i++)
            if (nu == 0 || seqs[nu - 1] != c->pend[i].seq)
                seqs[nu++] = c->pend[i].seq;
        ars__json_locate(c->text, c->len, seqs, nu, vl, vc, kl, kc);
        for (i = 0, nu = 0; i < c->npend; i++) {
            ars_diag_item *it = &c->diag->items[c->pend[i].item];
            while (seqs[nu] != c->pend[i].seq)
                nu++;
            it->line = c->pend[i].at_key ? kl[nu] : vl[nu];
            it->col = c->pend[i].at_key ? kc[nu] : vc[nu];
        }
    }
    /* Without memory the items simply keep line 0 (unknown). */
    ars__free(seqs);
    ars__free(vl);
    ars__free(vc);
    ars__free(kl);
    ars__free(kc);
}
