/* libFuzzer harness for the notice parser (notice.c): fuzz_rows.c with the
 * document kind forced to notice, so every input — arbitrary bytes taken as
 * text, through ipm_extract — meets the header, 文号, date and signature
 * rules. Records must carry a section and a line. */
#define FUZZ_ROWS_KIND IPM_K_NOTICE
#include "fuzz_rows.c"
