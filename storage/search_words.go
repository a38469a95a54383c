package storage

// distinctWords gives the index each word of a text body once. The index
// is detail=none (search.go): it records which messages hold a word, not
// how often or where, so a word's second and later occurrences change
// nothing in it — but FTS5's tokenizer, which is most of the indexer's
// CPU (BENCHMARKS.md), still folds and hashes every one of them.
//
// The words are cut only at ASCII bytes other than letters and digits,
// all of which the unicode61 tokenizer also treats as separators (its
// default token characters are the categories L*, N* and Co), and joined
// by spaces. So no token of the result spans two words, and the index
// gets the same set of tokens as from the whole text. Non-ASCII bytes
// stay inside their word for the tokenizer to split and fold as before.
// ASCII letters are lower-cased (as the tokenizer does) only to find more
// repeats.
func distinctWords(text string) string { return distinctTokens(text, &ftsWords) }

// wordRule says where distinctTokens cuts a text into words, by byte,
// and whether it lower-cases ASCII letters to find more repeats.
type wordRule struct {
	separator [256]bool
	fold      bool
}

func newWordRule(separator func(byte) bool, fold bool) wordRule {
	r := wordRule{fold: fold}
	for c := range r.separator {
		r.separator[c] = separator(byte(c))
	}
	return r
}

// ftsWords are SQLite's (distinctWords); pgWords PostgreSQL's
// (pgBodyTokens), cut only at blanks and kept as written.
var (
	ftsWords = newWordRule(asciiSeparator, true)
	pgWords  = newWordRule(pgBlank, false)
)

// distinctTokens gives each word of text once, in the order they first
// come, joined by spaces; rule says what a word is.
func distinctTokens(text string, rule *wordRule) string {
	out := make([]byte, 0, len(text)/2)
	seen := wordTable{slots: make([]uint64, 256)}
	for i := 0; i < len(text); {
		for i < len(text) && rule.separator[text[i]] {
			i++
		}
		start := len(out)
		h := uint32(2166136261) // FNV-1a
		for ; i < len(text) && !rule.separator[text[i]]; i++ {
			c := text[i]
			if rule.fold && 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			out = append(out, c)
			h = (h ^ uint32(c)) * 16777619
		}
		if len(out) == start {
			continue
		}
		if seen.add(out, start, h) {
			out = append(out, ' ')
		} else {
			out = out[:start] // a repeat: the next word overwrites it
		}
	}
	return string(out)
}

// wordTable is the set of words already in out, each kept as its start
// and end in out (an open-addressing hash table): no string per word and
// no Go map, which were most of distinctWords' CPU.
type wordTable struct {
	slots []uint64 // start<<32 | end; 0 is empty (a word is never empty)
	n     int
}

// add reports whether out[start:] is a new word, and then records it.
func (t *wordTable) add(out []byte, start int, h uint32) bool {
	word := out[start:]
	mask := uint32(len(t.slots) - 1)
	for j := h & mask; ; j = (j + 1) & mask {
		v := t.slots[j]
		if v == 0 {
			t.slots[j] = uint64(start)<<32 | uint64(len(out))
			if t.n++; t.n*2 > len(t.slots) {
				t.grow(out)
			}
			return true
		}
		if string(out[v>>32:uint32(v)]) == string(word) {
			return false
		}
	}
}

// grow doubles the table and places its words again.
func (t *wordTable) grow(out []byte) {
	old := t.slots
	t.slots = make([]uint64, 2*len(old))
	mask := uint32(len(t.slots) - 1)
	for _, v := range old {
		if v == 0 {
			continue
		}
		h := uint32(2166136261)
		for _, c := range out[v>>32 : uint32(v)] {
			h = (h ^ uint32(c)) * 16777619
		}
		j := h & mask
		for t.slots[j] != 0 {
			j = (j + 1) & mask
		}
		t.slots[j] = v
	}
}

// asciiSeparator reports whether c is an ASCII byte that is neither a
// letter nor a digit. Bytes of multi-byte UTF-8 characters are all above
// 0x7F, so a word is never cut inside a character.
func asciiSeparator(c byte) bool {
	return c < 0x80 && !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z')
}
