package deliver

import "strconv"

// Probe is how the test mail's round trip went: sent through the route
// to a mailbox Postbridge reads, found there by its Message-ID, read
// back and deleted. Kind is one of the DKIMNoMailbox ... DKIMProbeLeft
// kinds; the rest fill its sentence.
type Probe struct {
	Kind    Kind
	Mailbox string // the address the test mail went to
	Folder  string // where it was looked for
	Seconds int    // how long it was waited for
	Detail  string // the error, for a failed round trip
}

// read reports whether the mail was read back, so that its signatures
// are what the DKIM lines show.
func (p *Probe) read() bool {
	return p.Kind == DKIMProbeDeleted || p.Kind == DKIMProbeLeft
}

// finding is the round trip's own line: where the mail went and whether
// it is gone again (ok), or why DKIM could not be checked (warning: the
// signature is unknown, not known to be bad).
func (p *Probe) finding(domain string) Finding {
	args := []string{"domain", domain, "mailbox", p.Mailbox, "folder", p.Folder}
	if p.Kind == DKIMNotArrived {
		args = append(args, "seconds", strconv.Itoa(p.Seconds))
	}
	if p.Detail != "" {
		args = append(args, "detail", p.Detail)
	}
	status := StatusWarning
	if p.Kind == DKIMProbeDeleted || p.Kind == DKIMProbeLeft {
		status = StatusOK
	}
	return finding(CheckDKIM, status, p.Kind, args...)
}
