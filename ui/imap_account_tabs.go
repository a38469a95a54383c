package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// The account card's tabs General, Servers and Advanced (manual 001
// "Generelt", "Servere", "Avansert"; fields of manual 004). Folders is
// in imap_account_folders.go.

func (c *accountCard) generalTab() fyne.CanvasObject {
	m := c.marks
	m.tab = 0
	return widget.NewForm(
		widget.NewFormItem(t("account.description", "Description"), m.at("description", c.description)),
		widget.NewFormItem(t("account.displayName", "Display name"), m.at("display_name", c.displayName)),
		widget.NewFormItem(t("account.address", "E-mail address"), m.at("address", c.address)),
		widget.NewFormItem(t("account.mode", "Mode"), m.at("mode", c.mode)),
		widget.NewFormItem("", c.isDefault),
		widget.NewFormItem("", c.linkToCRM),
		widget.NewFormItem("", c.active),
		widget.NewFormItem("", c.locked),
		widget.NewFormItem("", c.autoSendReceive),
		widget.NewFormItem(t("account.autoMinutes", "Full pass every (minutes)"), m.at("auto_sync_minutes", c.autoMinutes)),
	)
}

// serversTab holds the IMAP login and the outgoing server (manual 001
// "Servere": "Bruke Standard" or the account's own SMTP server), all in
// one grid, so every field starts at the same left edge.
func (c *accountCard) serversTab() fyne.CanvasObject {
	m := c.marks
	m.tab = 1
	rows := newFormRows()
	rows.add(t("account.incoming", "Incoming server (IMAP)"), container.NewHBox(c.findIMAP()))
	rows.add(t("account.host", "IMAP server"), m.at("host", c.host))
	rows.add(t("account.username", "User name"), m.at("username", c.username))
	rows.add(t("account.password", "Password"), c.password)
	login := c.oauth.item(t("account.authMethod", "Authentication method"))
	rows.add(login.Text, login.Widget)
	rows.add(t("account.timeout", "Timeout (seconds)"), m.at("timeout", c.timeout))
	c.smtp.addRows(rows, m)
	return rows.grid
}

// advancedTab: ports and encryption (manual 001), the sync time limit,
// delete-after-limit and dot-separated folders (manual 004).
func (c *accountCard) advancedTab() fyne.CanvasObject {
	m := c.marks
	m.tab = 3
	c.reloadButton = widget.NewButton(t("account.reloadFolders", "Reload IMAP folders"), c.tree.reload)
	c.previewButton = widget.NewButton(t("account.preview", "Preview sync"), c.preview)
	if c.a.ID == 0 {
		c.previewButton.Disable() // it looks at the saved account
	}
	return container.NewVBox(widget.NewForm(
		widget.NewFormItem(t("account.port", "IMAP port"), m.at("port", c.port)),
		widget.NewFormItem(t("account.security", "Encryption"), m.at("security", c.security)),
		widget.NewFormItem(t("account.syncDays", "Time limit IMAP sync (days)"), m.at("sync_days", c.syncDays)),
		widget.NewFormItem("", m.at("delete_after_limit", c.deleteAfterLimit)),
		widget.NewFormItem("", c.dotSeparated),
	), container.NewHBox(c.reloadButton, c.previewButton))
}
