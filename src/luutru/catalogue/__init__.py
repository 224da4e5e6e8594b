"""The catalogue of holdings served to other installations (issue 13, item 7):
OAI-PMH 2.0 with Dublin Core for every dossier of the archive holdings and EAD
for each fonds, under the one access policy."""
