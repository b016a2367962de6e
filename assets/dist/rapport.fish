# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_rapport_global_optspecs
    string join \n config= data-dir= demo h/help V/version
end

function __fish_rapport_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_rapport_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_rapport_using_subcommand
    set -l cmd (__fish_rapport_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c rapport -n "__fish_rapport_needs_command" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_needs_command" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_needs_command" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_needs_command" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_needs_command" -s V -l version -d 'Print version'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "add" -d 'Add a partner'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "edit" -d 'Change a partner\'s details. A flag replaces that field; an empty value ("") clears it'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "archive" -d 'Archive a partner: hidden from lists and the queue, history kept'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "merge" -d 'Merge two partners who are one person: OTHER\'s gestures and snoozes move to KEEP, what only OTHER had fills KEEP, and OTHER\'s id still names KEEP. One change: `rapport undo` takes it back'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "list" -d 'List partners'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "show" -d 'Show a partner\'s call-prep card: contact details, balance, notes, recent gestures, open items'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "search" -d 'Fuzzy-search partners by name, organisation, role, tag or clientele (best match first)'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "query" -d 'Look addresses up for a mail client: mutt\'s query_command format (a first line, then `email<TAB>name<TAB>org`), exit 1 when none'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "log" -d 'Log a gesture: a referral, thank-you, call, gift ...'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "outcome" -d 'Set how a referral turned out, later'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "queue" -d 'The stay-in-touch queue: who needs attention, most overdue first'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "done" -d 'Clear a queue item by logging its gesture (thank -> thank-you, touch -> call, ...)'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "snooze" -d 'Hide a queue item until a later date. A snooze is not a touch'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "unsnooze" -d 'Lift the snooze of a queue item (a whole key, a prefix of one, or WHO), so it shows again'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "import" -d 'Import partners from a vCard (.vcf) or CSV file (Google, Outlook, LinkedIn, Thunderbird, plain), or meetings from a calendar (.ics) with --touches'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "export" -d 'Export partners: vcard (vCard 4.0), ics (birthdays and the next 30 days\' queue), json (everything), vdir'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "stats" -d 'Pipeline by stage, referrals both ways, connectors, one-way partners'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "refer" -d 'Who to send a client to: partners whose clientele, role, tags, benefit or notes match NEED, the ones you owe most first'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "draft" -d 'Write an outreach message to a partner from a template, or check any draft'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "undo" -d 'Undo the last change (from the command line or the TUI)'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "redo" -d 'Redo the last undone change'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "check" -d 'Check every data file and report all problems at once'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "paths" -d 'Print where rapport keeps its files'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "man" -d 'Print the manual page (roff): `rapport man | man -l -`'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "merge-file" -d 'Merge three versions of a data file, as git\'s merge driver does (see `rapport sync init`)'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "sync" -d 'Keep the data folder in git on several machines'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "generate" -d 'Write a realistic made-up book into an empty data folder (for benchmarks)'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand add" -l org -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l role -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l email -d 'Repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l phone -d 'Repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l tag -d 'Repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l stage -d 'reach-out, rapport, mutual-benefit or trust' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l cadence -d 'Days between touches (0: never due)' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l birthday -d 'MM-DD or YYYY-MM-DD' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l clientele -d 'Who they serve, e.g. "divorcing parents"' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l benefit -d 'What\'s in it for them: what you can offer this partner, e.g. "overflow custody cases"' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l note -d 'Personal notes: family, causes, what to ask about' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l since -d 'When the relationship began (YYYY-MM-DD; default today for add)' -r
complete -c rapport -n "__fish_rapport_using_subcommand add" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand add" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand add" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand add" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l name -d 'New name (the id stays the same)' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l org -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l role -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l email -d 'Repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l phone -d 'Repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l tag -d 'Repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l stage -d 'reach-out, rapport, mutual-benefit or trust' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l cadence -d 'Days between touches (0: never due)' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l birthday -d 'MM-DD or YYYY-MM-DD' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l clientele -d 'Who they serve, e.g. "divorcing parents"' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l benefit -d 'What\'s in it for them: what you can offer this partner, e.g. "overflow custody cases"' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l note -d 'Personal notes: family, causes, what to ask about' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l since -d 'When the relationship began (YYYY-MM-DD; default today for add)' -r
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l accept-stage -d 'Move them to the stage their log suggests (`rapport show` says which)'
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand edit" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand archive" -l reason -d 'Why, in a few words ("not a fit"); kept with the partner' -r
complete -c rapport -n "__fish_rapport_using_subcommand archive" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand archive" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand archive" -l restore -d 'Bring an archived partner back instead'
complete -c rapport -n "__fish_rapport_using_subcommand archive" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand archive" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand merge" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand merge" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand merge" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand merge" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand list" -l tag -d 'Only partners with this tag' -r
complete -c rapport -n "__fish_rapport_using_subcommand list" -l stage -d 'Only partners at this stage' -r
complete -c rapport -n "__fish_rapport_using_subcommand list" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand list" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand list" -l archived -d 'Include archived partners'
complete -c rapport -n "__fish_rapport_using_subcommand list" -l json -d 'Print JSON (for scripts) instead of text'
complete -c rapport -n "__fish_rapport_using_subcommand list" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand list" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand show" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand show" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand show" -l json -d 'Print JSON (for scripts) instead of text'
complete -c rapport -n "__fish_rapport_using_subcommand show" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand show" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand search" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand search" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand search" -l json -d 'Print JSON (for scripts) instead of text'
complete -c rapport -n "__fish_rapport_using_subcommand search" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand search" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand query" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand query" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand query" -l no-header -d 'Leave out the first line (aerc reads addresses only)'
complete -c rapport -n "__fish_rapport_using_subcommand query" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand query" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand log" -l date -d 'When it happened (default today): YYYY-MM-DD, today, yesterday, a weekday (the last one), 3d or 2w ago, 5 jan. A date after today needs --future' -r
complete -c rapport -n "__fish_rapport_using_subcommand log" -l note -d 'A short note; for referrals, initials are enough' -r
complete -c rapport -n "__fish_rapport_using_subcommand log" -l value -d 'Money value, for gifts' -r
complete -c rapport -n "__fish_rapport_using_subcommand log" -l outcome -d 'How a referral turned out: engaged, declined or pending' -r
complete -c rapport -n "__fish_rapport_using_subcommand log" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand log" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand log" -l received -d 'They gave it to you (default: you gave it to them)'
complete -c rapport -n "__fish_rapport_using_subcommand log" -l future -d 'Allow a --date after today (a gesture planned, not yet made)'
complete -c rapport -n "__fish_rapport_using_subcommand log" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand log" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand outcome" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand outcome" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand outcome" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand outcome" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand queue" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand queue" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand queue" -l snoozed -d 'List what is snoozed, and until when, instead'
complete -c rapport -n "__fish_rapport_using_subcommand queue" -l json -d 'Print JSON (for scripts) instead of text'
complete -c rapport -n "__fish_rapport_using_subcommand queue" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand queue" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand done" -l kind -d 'Log this kind instead (e.g. meeting for a touch)' -r
complete -c rapport -n "__fish_rapport_using_subcommand done" -l note -r
complete -c rapport -n "__fish_rapport_using_subcommand done" -l date -d 'When it happened (default today): as `log --date`; not after today' -r
complete -c rapport -n "__fish_rapport_using_subcommand done" -l outcome -d 'With an update item: how the referral turned out (engaged, declined or pending), set on the referral' -r
complete -c rapport -n "__fish_rapport_using_subcommand done" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand done" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand done" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand done" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand snooze" -l days -d 'For this many days' -r
complete -c rapport -n "__fish_rapport_using_subcommand snooze" -l until -d 'Until this day: YYYY-MM-DD, tomorrow, a weekday (the next one), 2w, 1m, 5 jan' -r
complete -c rapport -n "__fish_rapport_using_subcommand snooze" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand snooze" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand snooze" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand snooze" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand unsnooze" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand unsnooze" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand unsnooze" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand unsnooze" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand import" -l format -d 'vcard or csv (default: guessed from the file name and content)' -r
complete -c rapport -n "__fish_rapport_using_subcommand import" -l tag -d 'Add this tag to every imported partner. Repeat for several' -r
complete -c rapport -n "__fish_rapport_using_subcommand import" -l stage -d 'The stage of the partners added (default reach-out, where each is an item in the queue until a first message goes out): rapport for people you know already. Partners already in rapport keep theirs' -r
complete -c rapport -n "__fish_rapport_using_subcommand import" -l since -d 'With --touches on mail: leave out mail before this date' -r
complete -c rapport -n "__fish_rapport_using_subcommand import" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand import" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand import" -l dry-run -d 'Show what would change and write nothing'
complete -c rapport -n "__fish_rapport_using_subcommand import" -l json -d 'Print what was added, updated and skipped as JSON'
complete -c rapport -n "__fish_rapport_using_subcommand import" -l touches -d 'Log touches instead of importing partners: FILE is a calendar (.ics), whose past events a partner attended are meetings, or mail (a maildir or a folder of them, an mbox, one message, or - for one message on standard input), whose messages to and from partners are messages'
complete -c rapport -n "__fish_rapport_using_subcommand import" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand import" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand export" -l format -d 'vcard, ics, json or vdir (a folder of one .vcf per partner, as khard and vdirsyncer use)' -r
complete -c rapport -n "__fish_rapport_using_subcommand export" -s o -l output -d 'Write to this file (a folder for vdir) instead of standard output' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand export" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand export" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand export" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand export" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand stats" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand stats" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand stats" -l json -d 'Print JSON (for scripts) instead of text'
complete -c rapport -n "__fish_rapport_using_subcommand stats" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand stats" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand refer" -l to -d 'Log the referral given to this partner (undoable)' -r
complete -c rapport -n "__fish_rapport_using_subcommand refer" -l note -d 'With --to: a note on the referral; initials are enough' -r
complete -c rapport -n "__fish_rapport_using_subcommand refer" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand refer" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand refer" -l json -d 'Print JSON (for scripts) instead of text'
complete -c rapport -n "__fish_rapport_using_subcommand refer" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand refer" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand draft" -s t -l template -d 'The template to fill (default: first)' -r
complete -c rapport -n "__fish_rapport_using_subcommand draft" -s o -l output -d 'Write the draft to this file instead of printing it' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand draft" -l check -d 'Check a draft instead of writing one: a file, or - for standard input' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand draft" -l to -d 'With --check: the partner the draft is for (the first-name check needs them)' -r
complete -c rapport -n "__fish_rapport_using_subcommand draft" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand draft" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand draft" -l json -d 'Print JSON (for scripts) instead of text'
complete -c rapport -n "__fish_rapport_using_subcommand draft" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand draft" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand undo" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand undo" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand undo" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand undo" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand redo" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand redo" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand redo" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand redo" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand check" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand check" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand check" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand check" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand paths" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand paths" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand paths" -l json -d 'Print JSON (for scripts) instead of text'
complete -c rapport -n "__fish_rapport_using_subcommand paths" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand paths" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand completions" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand completions" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand completions" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand completions" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand man" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand man" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand man" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand man" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand merge-file" -l kind -d 'What the files are; told from the file name when not given' -r -f -a "log\t'gestures.jsonl'
contacts\t'contacts.toml'
queue\t'queue.toml'"
complete -c rapport -n "__fish_rapport_using_subcommand merge-file" -l path -d 'The file\'s path in the work tree (git\'s %P): conflicts are recorded beside it' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand merge-file" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand merge-file" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand merge-file" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand merge-file" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init help" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init help" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init help" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init help" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init help" -f -a "init" -d 'Make git merge the data files with `rapport merge-file`: writes .gitattributes, .gitignore and the repository\'s merge-driver config'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and not __fish_seen_subcommand_from init help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from init" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from init" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from init" -l git -d 'Make the data folder a git repository first (`git init`) if it is not one'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from init" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from help" -f -a "init" -d 'Make git merge the data files with `rapport merge-file`: writes .gitattributes, .gitignore and the repository\'s merge-driver config'
complete -c rapport -n "__fish_rapport_using_subcommand sync; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand generate" -l contacts -d 'How many partners' -r
complete -c rapport -n "__fish_rapport_using_subcommand generate" -l gestures -d 'How many gestures, spread over the partners (a few get many)' -r
complete -c rapport -n "__fish_rapport_using_subcommand generate" -l seed -d 'The same seed writes the same book' -r
complete -c rapport -n "__fish_rapport_using_subcommand generate" -l config -d 'Use this config file instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand generate" -l data-dir -d 'Use this data folder instead of the default one' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand generate" -l demo -d 'Run on a temporary copy of the bundled demo data; your files are never touched'
complete -c rapport -n "__fish_rapport_using_subcommand generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "add" -d 'Add a partner'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "edit" -d 'Change a partner\'s details. A flag replaces that field; an empty value ("") clears it'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "archive" -d 'Archive a partner: hidden from lists and the queue, history kept'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "merge" -d 'Merge two partners who are one person: OTHER\'s gestures and snoozes move to KEEP, what only OTHER had fills KEEP, and OTHER\'s id still names KEEP. One change: `rapport undo` takes it back'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "list" -d 'List partners'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "show" -d 'Show a partner\'s call-prep card: contact details, balance, notes, recent gestures, open items'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "search" -d 'Fuzzy-search partners by name, organisation, role, tag or clientele (best match first)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "query" -d 'Look addresses up for a mail client: mutt\'s query_command format (a first line, then `email<TAB>name<TAB>org`), exit 1 when none'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "log" -d 'Log a gesture: a referral, thank-you, call, gift ...'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "outcome" -d 'Set how a referral turned out, later'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "queue" -d 'The stay-in-touch queue: who needs attention, most overdue first'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "done" -d 'Clear a queue item by logging its gesture (thank -> thank-you, touch -> call, ...)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "snooze" -d 'Hide a queue item until a later date. A snooze is not a touch'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "unsnooze" -d 'Lift the snooze of a queue item (a whole key, a prefix of one, or WHO), so it shows again'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "import" -d 'Import partners from a vCard (.vcf) or CSV file (Google, Outlook, LinkedIn, Thunderbird, plain), or meetings from a calendar (.ics) with --touches'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "export" -d 'Export partners: vcard (vCard 4.0), ics (birthdays and the next 30 days\' queue), json (everything), vdir'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "stats" -d 'Pipeline by stage, referrals both ways, connectors, one-way partners'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "refer" -d 'Who to send a client to: partners whose clientele, role, tags, benefit or notes match NEED, the ones you owe most first'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "draft" -d 'Write an outreach message to a partner from a template, or check any draft'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "undo" -d 'Undo the last change (from the command line or the TUI)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "redo" -d 'Redo the last undone change'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "check" -d 'Check every data file and report all problems at once'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "paths" -d 'Print where rapport keeps its files'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "completions" -d 'Print a shell completion script'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "man" -d 'Print the manual page (roff): `rapport man | man -l -`'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "merge-file" -d 'Merge three versions of a data file, as git\'s merge driver does (see `rapport sync init`)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "sync" -d 'Keep the data folder in git on several machines'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "generate" -d 'Write a realistic made-up book into an empty data folder (for benchmarks)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from add edit archive merge list show search query log outcome queue done snooze unsnooze import export stats refer draft undo redo check paths completions man merge-file sync generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from sync" -f -a "init" -d 'Make git merge the data files with `rapport merge-file`: writes .gitattributes, .gitignore and the repository\'s merge-driver config'
