package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"postbridge/mail/imapsync"
	"postbridge/mail/message"
	"postbridge/mail/route"
	"postbridge/mail/smtpsend"
	"postbridge/storage"
)

// OutgoingMail is a mail a program sends through Postbridge (the HTTP
// API's POST /v1/send): from a user, optionally one of their accounts.
type OutgoingMail struct {
	From        Sender
	To, Cc, Bcc []string
	Subject     string
	Text, HTML  string
	Attachments []smtpsend.Attachment
	// RelationID and ProjectID link the sent mail besides the links its
	// recipients' addresses make; 0 means none.
	RelationID, ProjectID uint
}

// SentMail is what became of an OutgoingMail that went out.
type SentMail struct {
	Route      route.Route
	From       string
	MessageID  string // the Message-ID header, without angle brackets
	Transcript string
	// ID is the imported message's row (0 when it could not be imported:
	// no sent folder, or a server without UIDPLUS; then the next sync of
	// the sent folder imports it).
	ID uint
	// SentCopyError and ImportError say what failed after the mail went
	// out; the mail itself was sent and must not be sent again.
	SentCopyError, ImportError error
}

// ErrNoRecipients is returned for a mail without any To, Cc or Bcc.
var ErrNoRecipients = errors.New("the mail has no recipient")

// SendMail sends m through the route the Test button would take for the
// same sender (route.Choose), files the copy in the account's sent folder
// and imports it from there as a sync would, linked by its recipients and
// to m's relation and project. An error before the server accepted the
// mail means it was not sent; after that, SentMail says what failed.
func (a *Actions) SendMail(ctx context.Context, m OutgoingMail) (SentMail, error) {
	var out SentMail
	if len(m.To)+len(m.Cc)+len(m.Bcc) == 0 {
		return out, ErrNoRecipients
	}
	in, u, acc, err := a.senderInput(m.From)
	if err != nil {
		return out, err
	}
	res := SendResult{From: in.From}
	srv, err := a.routeTo(in, &res)
	out.Route, out.From = res.Route, in.From
	if err != nil {
		return out, err
	}
	mail := smtpsend.Mail{From: in.From, FromName: senderName(u, acc), To: m.To, Cc: m.Cc, Bcc: m.Bcc,
		Subject: m.Subject, Text: m.Text, HTML: m.HTML, Attachments: m.Attachments}
	sent, err := smtpsend.Send(ctx, srv, mail)
	out.Transcript = sent.Transcript
	if err != nil {
		return out, err
	}
	out.MessageID = message.Parse(sent.Message).MessageID
	// What follows happens after the server took the mail: it must not
	// outlive a request that is cancelled now, nor make it look unsent.
	after, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	defer cancel()
	where, err := a.appendSent(after, acc, sent.Message)
	if err != nil {
		out.SentCopyError = err
	} else {
		out.ID, out.ImportError = a.importSent(acc, where, sent.Message, m)
	}
	if err := a.Store.RecordMessageSent(out.ID, out.MessageID, a.now()); err != nil && out.ImportError == nil {
		out.ImportError = err // the webhooks will not hear of it
	}
	return out, nil
}

// appendSent files the copy and says where it went.
func (a *Actions) appendSent(ctx context.Context, acc *storage.ImapAccount, raw []byte) (imapsync.Appended, error) {
	if acc == nil || acc.Sent == "" {
		return imapsync.Appended{}, nil
	}
	c, err := a.Store.Company()
	if err != nil {
		return imapsync.Appended{}, err
	}
	srv, err := a.imapServer(c, acc)
	if err != nil {
		return imapsync.Appended{}, err
	}
	conn, err := imapsync.Dial(ctx, srv)
	if err != nil {
		return imapsync.Appended{}, err
	}
	defer conn.Close()
	return conn.AppendSentUID(acc.Sent, raw, a.now().Truncate(time.Second))
}

// importSent stores the sent copy under its place in the sent folder, as
// a sync of that folder would (which then finds it imported already).
func (a *Actions) importSent(acc *storage.ImapAccount, where imapsync.Appended, raw []byte, m OutgoingMail) (uint, error) {
	if acc == nil || where.UID == 0 {
		return 0, nil
	}
	c, err := a.Store.Company()
	if err != nil {
		return 0, err
	}
	files := newAttachmentWriter(c.AttachmentPath)
	defer files.discard()
	f := imapsync.Fetched{Folder: acc.Sent, UIDValidity: where.UIDValidity, UID: where.UID, Raw: raw,
		Internal: a.now(), Direction: storage.DirectionOut, Flags: []string{`\Seen`}}
	nm, _, err := a.converter(files)(f)
	if err != nil {
		return 0, err
	}
	batch := []storage.NewMessage{nm}
	if err := files.finish(batch); err != nil {
		return 0, err
	}
	if _, err := a.Store.ImportBatch(acc.ID, batch, a.now()); err != nil {
		return 0, err
	}
	id, err := a.Store.MessageAt(acc.ID, storage.UIDKey{Folder: acc.Sent, UIDValidity: where.UIDValidity, UID: where.UID})
	if err != nil || (m.RelationID == 0 && m.ProjectID == 0) {
		return id, err
	}
	return id, a.Store.ResolveAttention(id, storage.AttentionLink{RelationID: m.RelationID, ProjectID: m.ProjectID})
}

// CheckLinks reports whether a relation and a project exist (0: none
// asked), before a mail that is to be linked to them is sent.
func (a *Actions) CheckLinks(relationID, projectID uint) error {
	if err := a.Store.RelationExists(relationID); err != nil {
		return fmt.Errorf("relation %d: %w", relationID, err)
	}
	if err := a.Store.ProjectExists(projectID); err != nil {
		return fmt.Errorf("project %d: %w", projectID, err)
	}
	return nil
}
