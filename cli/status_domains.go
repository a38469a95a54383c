package cli

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"postbridge/app"
	"postbridge/explain"
)

// domainHealth is a sending domain as the health view shows it: the last
// deliverability check's most serious status and, when that is not ok,
// its first line of that status.
type domainHealth struct {
	Domain  string
	Checked string // when, "-" before the first check
	Worst   app.DeliverStatus
	Problem *app.DeliverFinding
}

// domainsHealth lists the domains mail goes out from (excluded ones are
// never sent through the own server, so their delivery is not ours).
func domainsHealth(act *app.Actions) ([]domainHealth, error) {
	list, err := act.Domains()
	if err != nil {
		return nil, err
	}
	var out []domainHealth
	for _, d := range list {
		if d.Excluded {
			continue
		}
		h := domainHealth{Domain: d.Domain, Checked: when(d.CheckedAt), Worst: app.DeliverStatus(d.CheckWorst)}
		var rep app.DeliverReport
		if d.CheckedAt != nil && h.Worst != app.DeliverStatusOK && json.Unmarshal([]byte(d.CheckReport), &rep) == nil {
			if f, ok := rep.FirstOf(h.Worst); ok {
				h.Problem = &f
			}
		}
		out = append(out, h)
	}
	return out, nil
}

// printDomainsHealth is the status command's second table.
func printDomainsHealth(env *Env, list []domainHealth) error {
	if len(list) == 0 {
		return nil
	}
	fmt.Fprintln(env.Stdout, "\nSending domains, last delivery check (postbridge domain check DOMAIN):")
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "STATE\tDOMAIN\tCHECKED\tFIRST PROBLEM")
	for _, d := range list {
		state, problem := "-", "not checked yet"
		if d.Worst != "" {
			state, problem = explain.Status(d.Worst), "-"
		}
		if d.Problem != nil {
			problem = explain.CheckName(d.Problem.Check) + ": " + oneLine(explain.Finding(*d.Problem))
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", state, d.Domain, d.Checked, problem)
	}
	return w.Flush()
}
