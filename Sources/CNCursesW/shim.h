#ifndef TIKSCORE_CNCURSESW_SHIM_H
#define TIKSCORE_CNCURSESW_SHIM_H

/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600; without these the wide-character API is hidden. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/*
 * Everything below exists because Swift 6 cannot use it directly: `stdscr`, `LINES`, `COLS`
 * are mutable globals (not concurrency-safe to Swift), and attribute, key, colour-pair and
 * mouse-mask constants are function-like macros that the importer skips.
 */

/* ---- the terminal type ---- */
/*
 * Whether terminfo knows `name` and the terminal can address the cursor, asked before initscr
 * (which prints its own message and exits on an unknown TERM): 0 yes, 1 unknown to terminfo,
 * 2 known but without cursor addressing (TERM=dumb). Leaves no terminal set up.
 */
static inline int tik_check_terminal(const char *name) {
    int status = 0;
    if (setupterm(name, 1, &status) != OK) return 1;
    TERMINAL *probe = cur_term;
    const char *cup = tigetstr("cup");
    int addressable = cup != NULL && cup != (const char *)-1;
    set_curterm(NULL);
    del_curterm(probe);
    return addressable ? 0 : 2;
}

/* ---- windows and size ---- */
/* The terminal's size from the kernel (ioctl is variadic, so Swift cannot call it); -1 on failure. */
static inline int tik_window_size(int fd, int *rows, int *cols) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 0;
}
static inline WINDOW *tik_stdscr(void) { return stdscr; }
static inline int tik_lines(void) { return LINES; }
static inline int tik_cols(void) { return COLS; }
static inline int tik_maxy(void) { return getmaxy(stdscr); }
static inline int tik_maxx(void) { return getmaxx(stdscr); }

/* ---- attributes and colour ---- */
static inline attr_t tik_a_normal(void) { return A_NORMAL; }
static inline attr_t tik_a_bold(void) { return A_BOLD; }
static inline attr_t tik_a_dim(void) { return A_DIM; }
static inline attr_t tik_a_reverse(void) { return A_REVERSE; }
static inline attr_t tik_a_underline(void) { return A_UNDERLINE; }
static inline int tik_color_pairs(void) { return COLOR_PAIRS; }
static inline int tik_colors(void) { return COLORS; }

/* ---- keys ---- */
static inline int tik_key_down(void) { return KEY_DOWN; }
static inline int tik_key_up(void) { return KEY_UP; }
static inline int tik_key_left(void) { return KEY_LEFT; }
static inline int tik_key_right(void) { return KEY_RIGHT; }
static inline int tik_key_home(void) { return KEY_HOME; }
static inline int tik_key_end(void) { return KEY_END; }
static inline int tik_key_ppage(void) { return KEY_PPAGE; }
static inline int tik_key_npage(void) { return KEY_NPAGE; }
static inline int tik_key_backspace(void) { return KEY_BACKSPACE; }
static inline int tik_key_dc(void) { return KEY_DC; }
static inline int tik_key_enter(void) { return KEY_ENTER; }
static inline int tik_key_btab(void) { return KEY_BTAB; }
static inline int tik_key_resize(void) { return KEY_RESIZE; }
static inline int tik_key_mouse(void) { return KEY_MOUSE; }
static inline int tik_key_f0(void) { return KEY_F0; }
static inline int tik_key_f(int n) { return KEY_F(n); }
static inline int tik_key_code_yes(void) { return KEY_CODE_YES; }

/* ---- mouse ---- */
static inline mmask_t tik_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t tik_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t tik_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t tik_button4_pressed(void) { return BUTTON4_PRESSED; }
#if defined(BUTTON5_PRESSED)
static inline mmask_t tik_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t tik_button5_pressed(void) { return (mmask_t)0x8000000L; }
#endif

/* Reads one mouse event; returns 0 and fills the outputs on success, -1 otherwise. */
static inline int tik_getmouse(int *x, int *y, mmask_t *bstate) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x;
    *y = event.y;
    *bstate = event.bstate;
    return 0;
}

/* ---- output ---- */

/*
 * Writes one grapheme (a spacing wide char plus up to CCHARW_MAX-1 non-spacing ones) at y, x.
 * Returns -2 when ncurses refuses the character itself; the result of the write otherwise
 * (ERR in the bottom-right corner is expected: the glyph is shown, the cursor cannot advance).
 */
static inline int tik_put_cell(int y, int x, const wchar_t *wstr, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, wstr, attrs, pair, NULL) != OK) return -2;
    return mvwadd_wch(stdscr, y, x, &cell);
}

static inline int tik_ccharw_max(void) { return CCHARW_MAX; }

/* glibc hides wcwidth unless _XOPEN_SOURCE is set before the first libc header; declare it. */
extern int wcwidth(wchar_t c);

/* The width ncurses gives a wide character (the C library's wcwidth). */
static inline int tik_wcwidth(wchar_t c) { return wcwidth(c); }

/* Whether the current LC_CTYPE uses UTF-8. */
static inline int tik_codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL) return 0;
    return (codeset[0] == 'U' || codeset[0] == 'u') && (codeset[1] == 'T' || codeset[1] == 't')
        && (codeset[2] == 'F' || codeset[2] == 'f');
}

#endif
