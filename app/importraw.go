package app

import (
	"fmt"
	"time"

	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// RawMail is a message to store as if a sync had fetched it.
type RawMail struct {
	Folder    string
	Direction storage.Direction
	Raw       []byte
	Received  time.Time
}

// ImportRaw stores mails for an account exactly as Synchronize would —
// parsed, attachments saved under the company attachment path, linked —
// without a server: for demo data and screenshots. UIDs are numbered
// per folder from 1 under UIDVALIDITY 1.
func (a *Actions) ImportRaw(accountID uint, mails []RawMail) (storage.ImportResult, error) {
	c, err := a.Store.Company()
	if err != nil {
		return storage.ImportResult{}, err
	}
	files := newAttachmentWriter(c.AttachmentPath)
	defer files.discard()
	convert := a.converter(files)
	next := map[string]uint32{}
	var batch []storage.NewMessage
	for _, m := range mails {
		next[m.Folder]++
		f := imapsync.Fetched{Folder: m.Folder, UIDValidity: 1, UID: next[m.Folder], Raw: m.Raw,
			Internal: m.Received, Direction: m.Direction,
			Project: imapsync.ProjectNumber(m.Folder, imapsync.DefaultProjectRoot, "/")}
		nm, _, err := convert(f)
		if err != nil {
			return storage.ImportResult{}, fmt.Errorf("demo mail %d in %s: %w", f.UID, m.Folder, err)
		}
		batch = append(batch, nm)
	}
	if err := files.finish(batch); err != nil {
		return storage.ImportResult{}, err
	}
	return a.Store.ImportBatch(accountID, batch, a.now())
}
