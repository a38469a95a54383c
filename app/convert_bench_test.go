package app

import (
	"path/filepath"
	"testing"

	"postbridge/mail/imapsync"
	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// BenchmarkConvert is the first import's work per message without a
// server or database: MIME parsing and saving attachments.
func BenchmarkConvert(b *testing.B) {
	store, err := storage.Open(filepath.Join(b.TempDir(), "p.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	files := newAttachmentWriter(b.TempDir())
	convert := (&Actions{Store: store}).converter(files)
	mails := make([][]byte, 100)
	var size int64
	for i := range mails {
		mails[i] = mailtest.MixedMail(i)
		size += int64(len(mails[i]))
	}
	b.SetBytes(size / int64(len(mails)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		raw := mails[i%len(mails)]
		nm, _, err := convert(imapsync.Fetched{Folder: "In", UIDValidity: 1, UID: uint32(i + 1), Raw: raw})
		if err == nil {
			err = files.finish([]storage.NewMessage{nm})
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}
