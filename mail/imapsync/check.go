package imapsync

import "context"

// CheckResult is what the Check IMAP button shows when all went well.
type CheckResult struct {
	Encrypted bool
	// Mechanism is how it logged in: LOGIN, XOAUTH2 or OAUTHBEARER.
	Mechanism    string
	Capabilities []string
	Folders      []Folder
}

// Check connects, secures, logs in and lists the folders (manual 000's
// "Controleer"). Each failure is one of mailerr's kinds with the server's text.
func Check(ctx context.Context, s Server) (CheckResult, error) {
	c, err := Dial(ctx, s)
	if err != nil {
		return CheckResult{}, err
	}
	defer c.Close()
	folders, err := c.Folders()
	if err != nil {
		return CheckResult{}, err
	}
	return CheckResult{Encrypted: c.Encrypted(), Mechanism: c.Mechanism(), Capabilities: c.Capabilities(), Folders: folders}, nil
}
