package message

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"postbridge/mail/mailtest"
)

// genmailCount messages of the office-mail corpus (genmail.py, seed 1;
// BENCHMARKS.md) are what the benchmarks below read: 300 make about
// 14 MB, 105 parts in quoted-printable, 35 base64 attachments.
const genmailCount = 300

var genmail struct {
	once sync.Once
	msgs [][]byte
	size int64
}

// genmailMessages generates the corpus once per test binary and holds it
// in memory.
func genmailMessages(tb testing.TB) ([][]byte, int64) {
	tb.Helper()
	genmail.once.Do(func() {
		dir, err := os.MkdirTemp("", "genmail")
		if err != nil {
			tb.Fatal(err)
		}
		defer os.RemoveAll(dir)
		for _, name := range mailtest.Genmail(tb, dir, genmailCount, 1) {
			raw, err := os.ReadFile(name)
			if err != nil {
				tb.Fatal(err)
			}
			genmail.msgs = append(genmail.msgs, raw)
			genmail.size += int64(len(raw))
		}
	})
	if len(genmail.msgs) != genmailCount {
		tb.Fatalf("genmail corpus: %d messages, want %d", len(genmail.msgs), genmailCount)
	}
	return genmail.msgs, genmail.size
}

// BenchmarkGenmail is what a first import asks of this package for every
// message of the corpus: "convert" is app's converter (Parse and
// the attachments written unsynced in one pass, ContentHash); "parse",
// "contenthash" and "save" (SaveAttachmentsPending after a Parse outside
// the measurement) are its parts, "parse-nohtml" the parse for an SQLite
// store, which keeps no HTML body, as they were before the one pass. One
// iteration reads all genmailCount messages; ns/msg is per message.
// scripts/bench-instructions.sh counts its instructions, independent of
// the machine's load (BENCHMARKS.md). Whatever is set up is set up here,
// once, so that it is not in that count.
func BenchmarkGenmail(b *testing.B) {
	msgs, size := genmailMessages(b)
	parsed := make([]Parsed, len(msgs))
	for i, raw := range msgs {
		parsed[i] = Parse(raw)
	}
	steps := []struct {
		name string
		run  func(b *testing.B, root string, i int)
	}{
		{"parse", func(b *testing.B, _ string, i int) { Parse(msgs[i]) }},
		{"parse-nohtml", func(b *testing.B, _ string, i int) { parse(msgs[i], nil, Options{NoHTML: true}) }},
		{"contenthash", func(b *testing.B, _ string, i int) { ContentHash(msgs[i]) }},
		{"save", func(b *testing.B, root string, i int) { benchSave(b, root, parsed[i]) }},
		{"convert", func(b *testing.B, root string, i int) {
			p, saved, err := ParseAndSavePending(msgs[i], root, Options{})
			if err != nil {
				b.Fatal(err)
			}
			ContentHash(msgs[i])
			benchDiscard(b, root, p, saved)
		}},
	}
	for _, s := range steps {
		b.Run(s.name, func(b *testing.B) {
			root := b.TempDir()
			b.SetBytes(size)
			b.ReportAllocs()
			for n := 0; n < b.N; n++ {
				for i := range msgs {
					s.run(b, root, i)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(msgs)), "ns/msg")
		})
	}
}

// benchSave writes p's attachments as the converter does and removes the
// files again outside the timer, so that every iteration writes anew.
func benchSave(b *testing.B, root string, p Parsed) {
	if len(p.Attachments) == 0 {
		return
	}
	saved, err := SaveAttachmentsPending(root, p.Dir(), p.Attachments)
	if err != nil {
		b.Fatal(err)
	}
	benchDiscard(b, root, p, saved)
}

// benchDiscard removes the files saved for p outside the timer.
func benchDiscard(b *testing.B, root string, p Parsed, saved []Saved) {
	if len(saved) == 0 {
		return
	}
	b.StopTimer()
	DiscardSaved(root, saved)
	os.RemoveAll(filepath.Join(root, filepath.FromSlash(p.Dir())))
	b.StartTimer()
}
