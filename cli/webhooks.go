package cli

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"text/tabwriter"

	"postbridge/app"
)

var webhookUsage = subUsage("webhook add NAME URL [--events LIST] | webhook list | webhook remove NAME",
	`Webhooks: URLs of the business software that receive Postbridge's events
(message.new, message.sent, account.failing, account.recovered) as JSON,
signed with HMAC-SHA256 of the body in the Postbridge-Signature header.
add prints the signing secret once and keeps it in the keyring as
company/webhook/NAME (store it on another workstation with postbridge secret set).
postbridge serve delivers them, retrying until the receiver answers 2xx.`)

func runWebhook(env *Env, args []string) error {
	fs := newFlagSet("postbridge webhook", env.IO, webhookUsage)
	events := fs.String("events", "", "add: comma-separated event types (default: all)")
	if code, done := parseFlags(fs, reorder(fs, args), env.IO); done {
		return exitCode(code)
	}
	rest := fs.Args()
	act, err := env.Actions()
	if err != nil {
		return err
	}
	switch {
	case len(rest) == 3 && rest[0] == "add":
		return addWebhook(env, act, rest[1], rest[2], *events)
	case len(rest) == 1 && rest[0] == "list":
		return listWebhooks(env, act)
	case len(rest) == 2 && rest[0] == "remove":
		if err := act.DeleteWebhook(rest[1]); err != nil {
			return err
		}
		env.Secrets.Delete(app.SecretWebhook(rest[1]))
		return nil
	}
	return usagef("usage: postbridge webhook add NAME URL [--events LIST] | list | remove NAME")
}

func addWebhook(env *Env, act *app.Actions, name, url, events string) error {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return err
	}
	secret, key := "whsec_"+hex.EncodeToString(b), app.SecretWebhook(name)
	w := &app.Webhook{Name: name, URL: url, Events: events, SecretKey: key, Active: true}
	if err := act.SaveWebhook(w); err != nil {
		return err
	}
	if err := env.Secrets.Set(key, secret); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, secret)
	fmt.Fprintf(env.Stderr, "postbridge: webhook %q added; its signing secret is shown only now (kept in the keyring as %s)\n", name, key)
	return nil
}

func listWebhooks(env *Env, act *app.Actions) error {
	list, err := act.Webhooks()
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(env.Stdout, "no webhooks (add one with postbridge webhook add NAME URL)")
		return nil
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tURL\tEVENTS\tLAST DELIVERY\tRESULT")
	for _, h := range list {
		events, last, result := h.Events, "never", ""
		if events == "" {
			events = "all"
		}
		if h.LastDeliveryAt != nil {
			last, result = h.LastDeliveryAt.Local().Format("2006-01-02 15:04:05"), fmt.Sprint(h.LastStatus)
			if h.LastError != "" {
				result = oneLine(h.LastError)
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", h.Name, h.URL, events, last, result)
	}
	return w.Flush()
}
