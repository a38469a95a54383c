package imapsync

import "context"

// CheckResult is what the Check IMAP button shows when all went well.
type CheckResult struct {
	Encrypted    bool
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
	return CheckResult{Encrypted: c.Encrypted(), Capabilities: c.Capabilities(), Folders: folders}, nil
}
