package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"postbridge/app"
	"postbridge/domain"
)

var autoconfigUsage = subUsage("autoconfig ADDRESS [--json]",
	`Find the IMAP and SMTP settings of an e-mail address, as the Find settings
button does, and say how they were found (found_by): the provider table
built into Postbridge (provider), the domain's autoconfig file
(autoconfig), DNS SRV records (srv), the MX record naming a known provider
(mx), or probing imap./mail./smtp.DOMAIN (probe). Every source tried is
listed with its answer. No password is sent anywhere.
$POSTBRIDGE_RESOLVER=host:port sends the DNS look-ups to that server.`)

// The command registers itself, so that cli.go's table stays as it is.
func init() {
	commands["autoconfig"] = command{"find IMAP/SMTP settings from an e-mail address: autoconfig ADDRESS [--json]", runAutoconfig}
}

func runAutoconfig(env *Env, args []string) error {
	fs := newFlagSet("postbridge autoconfig", env.IO, autoconfigUsage)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if code, done := parseFlags(fs, reorder(fs, args), env.IO); done {
		return exitCode(code)
	}
	if fs.NArg() != 1 {
		return usagef("usage: postbridge autoconfig ADDRESS [--json]")
	}
	res, err := (&app.AutoconfigFinder{}).Find(context.Background(), fs.Arg(0))
	if *asJSON {
		if jerr := writeAutoconfigJSON(env.Stdout, res); jerr != nil {
			return jerr
		}
		return err
	}
	writeAutoconfigText(env.Stdout, res)
	return err
}

// autoconfigJSON is the --json contract: the chosen servers, found_by and
// every source tried.
type autoconfigJSON struct {
	Address           string                `json:"address"`
	FoundBy           app.AutoconfigSource  `json:"found_by"`
	IMAP              *app.AutoconfigServer `json:"imap"`
	SMTP              *app.AutoconfigServer `json:"smtp"`
	Provider          string                `json:"provider,omitempty"`
	ProviderSource    string                `json:"provider_source,omitempty"`
	OAuthProvider     domain.Provider       `json:"oauth_provider,omitempty"`
	NeedsConfirmation bool                  `json:"needs_confirmation"`
	InsecureHTTP      bool                  `json:"insecure_http,omitempty"`
	Tried             []attemptJSON         `json:"tried"`
}

type attemptJSON struct {
	Source app.AutoconfigSource    `json:"source"`
	Tried  []string                `json:"tried"`
	Found  *app.AutoconfigSettings `json:"found"`
	Error  string                  `json:"error,omitempty"`
}

func writeAutoconfigJSON(w io.Writer, r app.AutoconfigResult) error {
	out := autoconfigJSON{Address: r.Address, FoundBy: r.FoundBy, NeedsConfirmation: r.NeedsConfirmation(),
		Tried: []attemptJSON{}}
	if c := r.Chosen; c != nil {
		out.IMAP, out.SMTP, out.Provider, out.OAuthProvider, out.InsecureHTTP = c.IMAP, c.SMTP, c.Provider, c.OAuthProvider, c.Insecure
		if p, ok := app.AutoconfigProviderByName(c.Provider); ok {
			out.ProviderSource = p.Source
		}
	}
	for _, a := range r.Attempts {
		j := attemptJSON{Source: a.Source, Tried: a.Tried, Found: a.Found}
		if a.Err != nil {
			j.Error = a.Err.Error()
		}
		out.Tried = append(out.Tried, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeAutoconfigText(w io.Writer, r app.AutoconfigResult) {
	if c := r.Chosen; c != nil {
		fmt.Fprintf(w, "Found by: %s%s\n", r.FoundBy, providerNote(c))
		for _, s := range []struct {
			kind string
			srv  *app.AutoconfigServer
		}{{"IMAP", c.IMAP}, {"SMTP", c.SMTP}} {
			if s.srv != nil {
				fmt.Fprintf(w, "%s  %s\n", s.kind, serverLine(s.srv))
			}
		}
		if p, ok := app.AutoconfigProviderByName(c.Provider); ok {
			fmt.Fprintf(w, "(provider table row %s, from %s)\n", p.Name, p.Source)
		}
		if c.Insecure {
			fmt.Fprintln(w, "WARNING: the autoconfig file came over plain HTTP; confirm these settings with the provider before using them")
		}
	}
	fmt.Fprintln(w, "\nSources tried:")
	for i, a := range r.Attempts {
		fmt.Fprintf(w, "  %d. %-10s %s\n", i+1, a.Source, strings.Join(a.Tried, ", "))
		switch {
		case a.Found != nil:
			for _, s := range []*app.AutoconfigServer{a.Found.IMAP, a.Found.SMTP} {
				if s != nil {
					fmt.Fprintf(w, "     -> %s\n", serverLine(s))
				}
			}
		case a.Err != nil:
			fmt.Fprintf(w, "     -> nothing: %v\n", a.Err)
		default:
			fmt.Fprintln(w, "     -> nothing")
		}
	}
}

func providerNote(c *app.AutoconfigSettings) string {
	switch {
	case c.Provider != "" && c.OAuthProvider != "":
		return fmt.Sprintf(" (%s; needs Sign in with %s, OAuth2)", c.Provider, c.OAuthProvider)
	case c.Provider != "":
		return " (" + c.Provider + ")"
	}
	return ""
}

func serverLine(s *app.AutoconfigServer) string {
	line := fmt.Sprintf("%s:%d %s, user %s, %s", s.Host, s.Port, s.Security, s.Username, s.Auth)
	if s.Fingerprint != "" {
		line += ", certificate NOT trusted (SHA-256 " + s.Fingerprint + "): pin it only after checking it with the server's owner"
	}
	if s.Unsafe {
		line += ", UNSAFE: no encryption"
	}
	return line
}
