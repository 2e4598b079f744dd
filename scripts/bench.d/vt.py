"""A small terminal emulator: enough of xterm for what ncurses sends, so the benchmark can tell
when a given text is on the screen (ncurses sends only the cells that changed, so the text is
rarely in the byte stream as such)."""
import unicodedata


def char_width(ch):
    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufe0f\ufe0e":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class Screen:
    def __init__(self, rows, cols):
        self.rows, self.cols = rows, cols
        self.reset()

    def reset(self):
        self.grid = [[" "] * self.cols for _ in range(self.rows)]
        self.row = self.col = 0
        self.top, self.bottom = 0, self.rows - 1
        self.saved = (0, 0)
        self.wrap_pending = False
        self.last_char = " "
        self.pending = b""
        self.alt = False

    # --- text ---------------------------------------------------------------------------
    def text(self):
        return "\n".join("".join(row) for row in self.grid)

    def line(self, index):
        return "".join(self.grid[index])

    def contains(self, needle):
        return any(needle in "".join(row) for row in self.grid)

    # --- operations ---------------------------------------------------------------------
    def _scroll_up(self, count=1, top=None, bottom=None):
        top = self.top if top is None else top
        bottom = self.bottom if bottom is None else bottom
        for _ in range(count):
            del self.grid[top]
            self.grid.insert(bottom, [" "] * self.cols)

    def _scroll_down(self, count=1, top=None, bottom=None):
        top = self.top if top is None else top
        bottom = self.bottom if bottom is None else bottom
        for _ in range(count):
            del self.grid[bottom]
            self.grid.insert(top, [" "] * self.cols)

    def _index(self):
        if self.row == self.bottom:
            self._scroll_up()
        elif self.row < self.rows - 1:
            self.row += 1

    def _reverse_index(self):
        if self.row == self.top:
            self._scroll_down()
        elif self.row > 0:
            self.row -= 1

    def _put(self, ch):
        width = char_width(ch)
        if width == 0:
            return
        if self.wrap_pending:
            self.col = 0
            self._index()
            self.wrap_pending = False
        if width == 2 and self.col == self.cols - 1:
            self.grid[self.row][self.col] = " "
            self.col = 0
            self._index()
        self.grid[self.row][self.col] = ch
        if width == 2:
            self.grid[self.row][self.col + 1] = ""
        self.last_char = ch
        if self.col + width >= self.cols:
            self.col = self.cols - 1
            self.wrap_pending = True
        else:
            self.col += width

    def _clamp(self):
        self.row = max(0, min(self.rows - 1, self.row))
        self.col = max(0, min(self.cols - 1, self.col))
        self.wrap_pending = False

    def _erase(self, row, start, end):
        for c in range(max(0, start), min(self.cols, end)):
            self.grid[row][c] = " "

    def _csi(self, private, params, final):
        p = [int(x) if x.isdigit() else 0 for x in params.split(";")] if params else []

        def arg(i, default=1):
            return p[i] if len(p) > i and p[i] > 0 else default

        if private:
            if final in "hl" and params and any(x in ("1049", "47", "1047") for x in params.split(";")):
                # alternate screen: starts (or ends) with a cleared screen
                self.grid = [[" "] * self.cols for _ in range(self.rows)]
            return
        if final in "Hf":
            self.row, self.col = arg(0) - 1, arg(1) - 1
            self._clamp()
        elif final == "A":
            self.row -= arg(0); self._clamp()
        elif final in "Be":
            self.row += arg(0); self._clamp()
        elif final in "Ca":
            self.col += arg(0); self._clamp()
        elif final == "D":
            self.col -= arg(0); self._clamp()
        elif final == "E":
            self.row += arg(0); self.col = 0; self._clamp()
        elif final == "F":
            self.row -= arg(0); self.col = 0; self._clamp()
        elif final in "G`":
            self.col = arg(0) - 1; self._clamp()
        elif final == "d":
            self.row = arg(0) - 1; self._clamp()
        elif final == "J":
            mode = p[0] if p else 0
            if mode == 0:
                self._erase(self.row, self.col, self.cols)
                for r in range(self.row + 1, self.rows):
                    self._erase(r, 0, self.cols)
            elif mode == 1:
                self._erase(self.row, 0, self.col + 1)
                for r in range(0, self.row):
                    self._erase(r, 0, self.cols)
            else:
                for r in range(self.rows):
                    self._erase(r, 0, self.cols)
        elif final == "K":
            mode = p[0] if p else 0
            if mode == 0:
                self._erase(self.row, self.col, self.cols)
            elif mode == 1:
                self._erase(self.row, 0, self.col + 1)
            else:
                self._erase(self.row, 0, self.cols)
            self.wrap_pending = False
        elif final == "X":
            self._erase(self.row, self.col, self.col + arg(0))
        elif final == "P":
            n = arg(0); line = self.grid[self.row]
            del line[self.col:self.col + n]
            line.extend([" "] * (self.cols - len(line)))
        elif final == "@":
            n = arg(0); line = self.grid[self.row]
            for _ in range(n):
                line.insert(self.col, " ")
            del line[self.cols:]
        elif final == "L":
            if self.top <= self.row <= self.bottom:
                self._scroll_down(arg(0), top=self.row)
        elif final == "M":
            if self.top <= self.row <= self.bottom:
                self._scroll_up(arg(0), top=self.row)
        elif final == "S":
            self._scroll_up(arg(0))
        elif final == "T":
            self._scroll_down(arg(0))
        elif final == "r":
            top, bottom = arg(0) - 1, arg(1, self.rows) - 1
            if 0 <= top < bottom < self.rows:
                self.top, self.bottom = top, bottom
            else:
                self.top, self.bottom = 0, self.rows - 1
            self.row = self.col = 0
            self.wrap_pending = False
        elif final == "b":
            for _ in range(arg(0)):
                self._put(self.last_char)
        elif final == "s":
            self.saved = (self.row, self.col)
        elif final == "u":
            self.row, self.col = self.saved
            self._clamp()
        # m (colours), h/l (modes), t (window), n, c, q: nothing on the grid

    def feed(self, data):
        """Apply bytes (any split: an incomplete sequence waits for the next call)."""
        buf = self.pending + data
        i, n = 0, len(buf)
        while i < n:
            b = buf[i]
            if b == 0x1B:
                if i + 1 >= n:
                    break
                nxt = buf[i + 1]
                if nxt == 0x5B:  # CSI
                    j = i + 2
                    while j < n and not (0x40 <= buf[j] <= 0x7E):
                        j += 1
                    if j >= n:
                        break
                    body = buf[i + 2:j].decode("latin-1")
                    private = ""
                    if body and body[0] in "?>=<":
                        private, body = body[0], body[1:]
                    body = body.rstrip(" !\"#$%&'()*+,-./")
                    self._csi(private, body, chr(buf[j]))
                    i = j + 1
                elif nxt == 0x5D or nxt == 0x50 or nxt == 0x5F:  # OSC, DCS, APC: skip to BEL or ST
                    j = i + 2
                    end = None
                    while j < n:
                        if buf[j] == 0x07:
                            end = j + 1; break
                        if buf[j] == 0x1B and j + 1 < n and buf[j + 1] == 0x5C:
                            end = j + 2; break
                        j += 1
                    if end is None:
                        break
                    i = end
                elif nxt in (0x28, 0x29, 0x2A, 0x2B, 0x23, 0x25):  # charset / DEC line attrs: one more byte
                    if i + 2 >= n:
                        break
                    i += 3
                else:
                    if nxt == 0x37:
                        self.saved = (self.row, self.col)
                    elif nxt == 0x38:
                        self.row, self.col = self.saved; self._clamp()
                    elif nxt == 0x4D:
                        self._reverse_index()
                    elif nxt == 0x44:
                        self._index()
                    elif nxt == 0x45:
                        self.col = 0; self._index()
                    elif nxt == 0x63:
                        self.reset()
                    i += 2
                continue
            if b < 0x20 or b == 0x7F:
                if b == 0x0D:
                    self.col = 0; self.wrap_pending = False
                elif b in (0x0A, 0x0B, 0x0C):
                    self._index(); self.wrap_pending = False
                elif b == 0x08:
                    self.col = max(0, self.col - 1); self.wrap_pending = False
                elif b == 0x09:
                    self.col = min(self.cols - 1, (self.col // 8 + 1) * 8)
                i += 1
                continue
            # UTF-8 text
            if b < 0x80:
                self._put(chr(b)); i += 1; continue
            size = 2 if b >> 5 == 0b110 else 3 if b >> 4 == 0b1110 else 4 if b >> 3 == 0b11110 else 1
            if i + size > n:
                break
            try:
                ch = buf[i:i + size].decode("utf-8")
            except UnicodeDecodeError:
                ch = "?"; size = 1
            self._put(ch)
            i += size
        self.pending = buf[i:]
