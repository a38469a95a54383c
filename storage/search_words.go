package storage

import "strings"

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
func distinctWords(text string) string {
	seen := make(map[string]struct{}, 512)
	var out strings.Builder
	out.Grow(len(text) / 2)
	var word []byte
	for i := 0; i < len(text); {
		for i < len(text) && asciiSeparator(text[i]) {
			i++
		}
		word = word[:0]
		for ; i < len(text) && !asciiSeparator(text[i]); i++ {
			c := text[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			word = append(word, c)
		}
		if len(word) == 0 {
			continue
		}
		if _, ok := seen[string(word)]; ok {
			continue
		}
		seen[string(word)] = struct{}{}
		out.Write(word)
		out.WriteByte(' ')
	}
	return out.String()
}

// asciiSeparator reports whether c is an ASCII byte that is neither a
// letter nor a digit. Bytes of multi-byte UTF-8 characters are all above
// 0x7F, so a word is never cut inside a character.
func asciiSeparator(c byte) bool {
	return c < 0x80 && !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z')
}
