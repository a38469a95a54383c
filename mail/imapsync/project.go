package imapsync

import (
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"

	"postbridge/storage"
)

// DefaultProjectRoot is the folder manual 004 tells users to create:
// "Name: 'ProjektPro'", with one subfolder per project named
// "[ProjektNummer] + [ ] + beliebige Beschreibung", e.g. "210-01 Musterprojekt".
const DefaultProjectRoot = "ProjektPro"

func (j *Job) projectRoot() string {
	if j.ProjectRoot != "" {
		return j.ProjectRoot
	}
	return DefaultProjectRoot
}

// ProjectNumber returns the project number of folder when it lies under
// root: the part of its first level below root up to the first space.
// "ProjektPro/210-01 Musterprojekt Wohnanlage" gives "210-01"; a deeper
// folder belongs to the same project; root itself and other folders give "".
func ProjectNumber(folder, root, delim string) string {
	prefix := root + delim
	if root == "" || !strings.HasPrefix(folder, prefix) {
		return ""
	}
	first, _, _ := strings.Cut(folder[len(prefix):], delim)
	number, _, _ := strings.Cut(strings.TrimSpace(first), " ")
	return number
}

// projectFolders lists the selectable folders below the project root
// with LIST (RFC 9051 §6.3.9); none when the root does not exist.
func (s *session) projectFolders() ([]string, error) {
	root := s.job.projectRoot()
	list, err := s.conn.c.List("", root+s.delim+"*", nil).Collect()
	if err != nil {
		return nil, fmt.Errorf("list project folders: %w", s.conn.classify(err))
	}
	var out []string
	for _, d := range list {
		if hasAttr(d.Attrs, imap.MailboxAttrNoSelect) || hasAttr(d.Attrs, imap.MailboxAttrNonExistent) {
			continue
		}
		if ProjectNumber(d.Mailbox, root, s.delim) != "" && !strings.HasSuffix(d.Mailbox, s.delim+CompletedName) {
			out = append(out, d.Mailbox)
		}
	}
	return out, nil
}

func hasAttr(attrs []imap.MailboxAttr, a imap.MailboxAttr) bool {
	for _, x := range attrs {
		if x == a {
			return true
		}
	}
	return false
}

// syncProjectFolders mirrors every project folder not already synced:
// its mail is imported and linked to the project; nothing on the server
// is moved, so users can keep filing there.
func (s *session) syncProjectFolders(already []SyncFolder) error {
	folders, err := s.projectFolders()
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, f := range already {
		seen[f.Name] = true
	}
	var list []SyncFolder
	for _, f := range folders {
		if !seen[f] {
			list = append(list, SyncFolder{Name: f, Direction: storage.DirectionIn})
		}
	}
	return s.mirrorAll(list)
}
