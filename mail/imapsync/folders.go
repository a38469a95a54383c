package imapsync

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// ErrFolderMissing is returned when a folder that must already exist on
// the server does not (the sent folder, manual 000: "moet al bestaan").
var ErrFolderMissing = errors.New("folder does not exist on the server")

// CompletedName is the subfolder that transfer mode files messages into (manual 000).
const CompletedName = "Completed"

// Folder is one mailbox on the server.
type Folder struct {
	Name      string // full name, decoded from modified UTF-7 by go-imap
	Delimiter string // hierarchy separator: "/" or "." ("" for a flat server)
	// Role is the RFC 6154 special use without its backslash: Sent, Drafts,
	// Trash, Junk, Archive, All, Flagged; empty for none.
	Role       string
	Selectable bool
	Subscribed bool
}

// Folders lists every folder, sorted by name, with special-use roles
// (RFC 6154) and subscription state.
func (c *Conn) Folders() ([]Folder, error) {
	opts := &imap.ListOptions{ReturnSubscribed: true}
	if c.c.Caps().Has(imap.CapSpecialUse) {
		opts.ReturnSpecialUse = true
	}
	list, err := c.c.List("", "*", opts).Collect()
	if err != nil {
		return nil, fmt.Errorf("list folders: %w", c.classify(err))
	}
	folders := make([]Folder, 0, len(list))
	for _, d := range list {
		f := Folder{Name: d.Mailbox, Selectable: true}
		if d.Delim != 0 {
			f.Delimiter = string(d.Delim)
		}
		for _, a := range d.Attrs {
			switch a {
			case imap.MailboxAttrNoSelect, imap.MailboxAttrNonExistent:
				f.Selectable = false
			case imap.MailboxAttrSubscribed:
				f.Subscribed = true
			case imap.MailboxAttrSent, imap.MailboxAttrDrafts, imap.MailboxAttrTrash,
				imap.MailboxAttrJunk, imap.MailboxAttrArchive, imap.MailboxAttrAll, imap.MailboxAttrFlagged:
				f.Role = strings.TrimPrefix(string(a), `\`)
			}
		}
		folders = append(folders, f)
	}
	sort.Slice(folders, func(i, j int) bool { return folders[i].Name < folders[j].Name })
	return folders, nil
}

// Delimiter is the server's hierarchy separator, asked with LIST "" ""
// (RFC 9051 §6.3.9). A flat server answers with none; "/" is used then.
func (c *Conn) Delimiter() (string, error) {
	list, err := c.c.List("", "", nil).Collect()
	if err != nil {
		return "", fmt.Errorf("ask hierarchy delimiter: %w", c.classify(err))
	}
	if len(list) > 0 && list[0].Delim != 0 {
		return string(list[0].Delim), nil
	}
	return "/", nil
}

// Completed is the name of folder's Completed subfolder with the server's delimiter.
func Completed(folder, delim string) string { return folder + delim + CompletedName }

// EnsureResult says what EnsureFolders found and did.
type EnsureResult struct {
	Created  []string
	Existing []string
}

// EnsureFolders is the magnifier of manual 000: inbox and outbox and their
// Completed subfolders are created when missing; the sent folder must
// exist, spelled exactly (folder names are case-sensitive, RFC 9051 §5.1,
// except INBOX), and is never created.
func (c *Conn) EnsureFolders(inbox, outbox, sent string) (EnsureResult, error) {
	var res EnsureResult
	folders, err := c.Folders()
	if err != nil {
		return res, err
	}
	delim, err := c.Delimiter()
	if err != nil {
		return res, err
	}
	exists := map[string]bool{}
	for _, f := range folders {
		exists[f.Name] = true
	}
	if sent != "" && !exists[sent] {
		return res, fmt.Errorf("sent folder %q: %w", sent, ErrFolderMissing)
	}
	var want []string
	for _, f := range []string{inbox, outbox} {
		if f != "" {
			want = append(want, f, Completed(f, delim))
		}
	}
	for _, name := range want {
		if exists[name] || strings.EqualFold(name, "INBOX") {
			res.Existing = append(res.Existing, name)
			continue
		}
		if err := c.c.Create(name, nil).Wait(); err != nil {
			return res, fmt.Errorf("create folder %q: %w", name, c.classify(err))
		}
		exists[name] = true
		res.Created = append(res.Created, name)
	}
	return res, nil
}

func sortStrings(s []string) { sort.Strings(s) }
