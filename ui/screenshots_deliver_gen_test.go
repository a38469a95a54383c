package ui

import (
	"fyne.io/fyne/v2/container"

	"postbridge/app"
	"postbridge/mail/deliver"
	"postbridge/mail/mailerr"
	"postbridge/mail/route"
	"postbridge/mail/smtpsend"
	"postbridge/storage"
)

// domainDelivery is the Domains tab with the deliverability table of the
// demo office's domain open, from demo findings: the pictures
// ask no DNS.
func domainDelivery(w *MainWindow) error {
	if err := companyTab(4)(w); err != nil {
		return err
	}
	w.company.domains.list.Select(0)
	w.showDelivery(demoDomainCheck())
	return nil
}

func demoDomainCheck() app.DomainCheck {
	const dom, ip = "devriesbouw.nl", "203.0.113.25"
	f := func(c deliver.Check, s deliver.Status, k deliver.Kind, args ...string) deliver.Finding {
		m := map[string]string{}
		for i := 0; i+1 < len(args); i += 2 {
			m[args[i]] = args[i+1]
		}
		return deliver.Finding{Check: c, Status: s, Kind: k, Args: m}
	}
	return app.DomainCheck{
		Route: route.Route{Via: route.ViaOwnServer, Reason: route.Reason{Key: "route.own_server", Args: []string{"mail.devriesbouw.nl", dom}}},
		Report: deliver.Report{Domain: dom, IPs: []string{ip}, Findings: []deliver.Finding{
			f(deliver.CheckSPF, deliver.StatusOK, deliver.SPFPass, "domain", dom, "ip", ip, "record", "v=spf1 mx ip4:203.0.113.25 -all"),
			f(deliver.CheckDKIM, deliver.StatusFailing, deliver.DKIMNoKey, "domain", dom, "selector", "mail2024"),
			f(deliver.CheckDKIM, deliver.StatusOK, deliver.DKIMProbeDeleted, "domain", dom, "mailbox", "info@"+dom, "folder", "INBOX"),
			f(deliver.CheckDMARC, deliver.StatusOK, deliver.DMARCQuarantine, "domain", dom, "policy", "quarantine"),
			f(deliver.CheckDMARC, deliver.StatusOK, deliver.DMARCAlignedSPF, "domain", dom),
			f(deliver.CheckMX, deliver.StatusOK, deliver.MXFound, "domain", dom, "hosts", "mx1.devriesbouw.nl, mx2.devriesbouw.nl"),
			f(deliver.CheckPTR, deliver.StatusOK, deliver.PTRConfirmed, "ip", ip, "name", "mail.devriesbouw.nl"),
		}},
	}
}

// ownServerSendAs is the Own mail server tab after a refused send-as
// check (manual 003's mailbox mode), the form above filled in as the
// check's service mailbox: mailbox mode, port 587 with TLS, its login.
func ownServerSendAs(w *MainWindow) error {
	o, err := ownServerRelaying(w, storage.OwnAuthPassword)
	if err != nil {
		return err
	}
	o.mode.SetSelected(ownModeLabels()[storage.OwnServerMailbox])
	o.port.SetText("587")
	o.encryption.SetSelected(securityLabel(storage.SecuritySTARTTLS))
	o.username.SetText("verzenden@devriesbouw.nl")
	o.password.SetText("geheim-wachtwoord")
	c := w.company.own.sendAs
	c.user.SetSelected("Sanne Visser")
	res := app.SendAsCheck{User: "Sanne Visser", From: "sanne@devriesbouw.nl", Login: "verzenden@devriesbouw.nl",
		Route: route.Route{Via: route.ViaOwnServer, Reason: route.Reason{Key: "route.own_server", Args: []string{"mail.devriesbouw.nl", "devriesbouw.nl"}}},
		Result: smtpsend.SendAsResult{Outcome: smtpsend.SendAsNotOwned, Stage: mailerr.StageMail, Code: 553, Enhanced: "5.7.1",
			Reply:      "5.7.1 <sanne@devriesbouw.nl>: Sender address rejected: not owned by user verzenden@devriesbouw.nl",
			Transcript: demoSendAsTranscript}}
	c.show(res, nil)
	scrollNearEnd(w.company.scrolls[tabOwnServer], w.company.panes[tabOwnServer].Size().Height)
	return nil
}

// scrollNearEnd scrolls s, in a pane h high, to show its end from the
// nearest whole line above: the tab's two columns of fields, their lines
// level nowhere, leave no whole line below until the columns end, and
// the picture shows the form filled in above the refusal.
func scrollNearEnd(s *container.Scroll, h float32) {
	y := s.Content.MinSize().Height - h
	lines := contentLines(s.Content)
	for moved := true; moved; {
		moved = false
		for _, l := range lines {
			if l[0] < y-0.5 && l[1] > y+0.5 {
				y, moved = l[0], true
			}
		}
	}
	s.Offset.Y = max(y, 0)
	if s.OnScrolled != nil {
		s.OnScrolled(s.Offset)
	}
	s.Refresh()
}

const demoSendAsTranscript = `S: 220 mail.devriesbouw.nl ESMTP Postfix
C: EHLO werkplek-07
S: 250-mail.devriesbouw.nl
S: 250-STARTTLS
S: 250 AUTH PLAIN LOGIN
C: STARTTLS
S: 220 2.0.0 Ready to start TLS
C: AUTH PLAIN [redacted]
S: 235 2.7.0 Authentication successful
C: MAIL FROM:<sanne@devriesbouw.nl>
S: 553 5.7.1 <sanne@devriesbouw.nl>: Sender address rejected: not owned by user verzenden@devriesbouw.nl
C: RSET
S: 250 2.0.0 Ok
C: QUIT
S: 221 2.0.0 Bye`
