package app

import (
	"sync"

	"postbridge/mail/message"
	"postbridge/storage"
)

// attachmentWriter saves the attachments of one sync under the company
// attachment path. A batch's files are written as its messages are
// converted and reach the disk together just before the batch commits
// (imapsync.Job.BeforeCommit, message.FinishSaved): one flush per batch
// instead of an fsync per file, and the rule of DESIGN.md section 4
// holds — attachment files are on disk before the commit that names them.
type attachmentWriter struct {
	root    string
	mu      sync.Mutex
	pending map[storage.UIDKey][]message.Saved
}

func newAttachmentWriter(root string) *attachmentWriter {
	return &attachmentWriter{root: root, pending: map[storage.UIDKey][]message.Saved{}}
}

// add keeps the files message.ParseAndSavePending wrote for the message
// at key until its batch commits; the converters on every core call it at
// once.
func (w *attachmentWriter) add(key storage.UIDKey, saved []message.Saved) {
	if len(saved) == 0 {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pending[key] = append(w.pending[key], saved...)
}

// finish makes the files of msgs durable and puts them under their names.
func (w *attachmentWriter) finish(msgs []storage.NewMessage) error {
	var batch []message.Saved
	w.mu.Lock()
	for i := range msgs {
		key := storage.UIDKey{Folder: msgs[i].Folder, UIDValidity: msgs[i].UIDValidity, UID: msgs[i].UID}
		batch = append(batch, w.pending[key]...)
		delete(w.pending, key)
	}
	w.mu.Unlock()
	if err := message.FinishSaved(w.root, batch); err != nil {
		message.DiscardSaved(w.root, batch)
		return err
	}
	return nil
}

// discard removes the files of batches that were never committed (the
// sync failed or was cancelled before); they would be strays.
func (w *attachmentWriter) discard() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for key, saved := range w.pending {
		message.DiscardSaved(w.root, saved)
		delete(w.pending, key)
	}
}
