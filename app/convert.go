package app

import (
	"fmt"
	"strings"

	"postbridge/mail/imapsync"
	"postbridge/mail/message"
	"postbridge/storage"

	"postbridge/problem"
)

// converter turns a fetched message into the row to store: mail/message
// parses it (never failing on a malformed mail), and the addresses that
// link it are chosen by direction (manual 000: incoming mail by its
// sender, outgoing mail by its recipients). The raw message is always kept.
func (a *Actions) converter(files *attachmentWriter) imapsync.Converter {
	words := a.Store != nil // a converter may run without a store
	// No database keeps the HTML alternative: the raw message has it, and
	// the API reads it from there. Its decoding was a tenth of the parse.
	parse := message.Options{NoHTML: true}
	return func(f imapsync.Fetched) (storage.NewMessage, []problem.P, error) {
		// Attachments are written only when the company attachment path
		// is set (manual 000), under it, while the message is parsed; an
		// I/O error (a full disk) stops the batch before anything of it
		// is committed or moved.
		p, saved, saveErr := message.ParseAndSavePending(f.Raw, files.root, parse)
		nm := storage.NewMessage{Message: storage.Message{
			Folder: f.Folder, UIDValidity: f.UIDValidity, UID: f.UID, Direction: f.Direction,
			MessageID: p.MessageID, SHA256: p.SHA256, ContentHash: message.ContentHash(f.Raw), Raw: f.Raw, RawSize: p.Size,
			Flags: strings.Join(f.Flags, " "), Date: p.Date, Subject: p.Subject,
			From: p.From.String(), To: joinAddresses(p.To), Cc: joinAddresses(p.Cc),
			TextBody: p.Text,
		}, ProjectNumber: f.Project}
		if words {
			nm.SearchWords = a.Store.SearchWords(p.Text) // here, where messages are parsed in parallel
		}
		if nm.Date.IsZero() {
			nm.Date = f.Internal // no usable Date header: when the server got it
		}
		if saveErr != nil {
			return nm, p.Warnings, fmt.Errorf("save attachments: %w", saveErr)
		}
		files.add(storage.UIDKey{Folder: f.Folder, UIDValidity: f.UIDValidity, UID: f.UID}, saved)
		for _, a := range saved {
			nm.Attachments = append(nm.Attachments, storage.Attachment{FileName: a.FileName,
				ContentType: a.ContentType, Size: a.Size, Path: a.Path})
		}
		if f.Direction == storage.DirectionIn {
			nm.LinkAddresses = normalized([]message.Address{p.From})
		} else {
			nm.LinkAddresses = normalized(append(append(p.To, p.Cc...), p.Bcc...))
		}
		return nm, p.Warnings, nil
	}
}

func joinAddresses(list []message.Address) string {
	s := make([]string, 0, len(list))
	for _, a := range list {
		s = append(s, a.String())
	}
	return strings.Join(s, ", ")
}

func normalized(list []message.Address) []string {
	var out []string
	for _, a := range list {
		if n := a.Normalized(); n != "" {
			out = append(out, n)
		}
	}
	return out
}
