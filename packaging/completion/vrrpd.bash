# bash completion for vrrpd(8).
#
# The subcommands and options come from vrrpd itself, through System.CommandLine's [suggest:POSITION]
# directive, so this file never goes stale when a command or option is added. Values of path options complete
# as file names; when vrrpd cannot be run (not installed, not on PATH) a built-in list is used.

_vrrpd_static_words() {
    local command=$1
    case $command in
        run)          echo "--file -f --control-socket --pid-file --help" ;;
        check-config) echo "--file -f --help" ;;
        status)       echo "--control-socket --json --help" ;;
        events)       echo "--control-socket --json --follow --help" ;;
        demote|resume) echo "--control-socket --all --help" ;;
        clear|reload) echo "--control-socket --help" ;;
        *)            echo "run check-config status events demote resume clear reload --help --version" ;;
    esac
}

_vrrpd() {
    local cur prev words cword
    if declare -F _init_completion >/dev/null 2>&1; then
        _init_completion -n = || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi

    case $prev in
        -f|--file|--pid-file|--control-socket)
            # A path: let bash complete file names.
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "$cur"))
            return
            ;;
    esac

    local vrrpd=${words[0]}
    command -v "$vrrpd" >/dev/null 2>&1 || vrrpd=/usr/sbin/vrrpd

    # The line up to the cursor, as the words typed so far; the position is where the cursor is in it.
    local line="${words[*]:0:cword} $cur"
    local suggestions
    suggestions=$("$vrrpd" "[suggest:${#line}]" "$line" 2>/dev/null) || suggestions=
    if [[ -z $suggestions ]]; then
        local command=
        local word
        for word in "${words[@]:1:cword-1}"; do
            [[ $word != -* ]] && { command=$word; break; }
        done
        suggestions=$(_vrrpd_static_words "$command")
    fi
    # Leave out the Windows-style aliases (/?, /h, -?) that System.CommandLine lists.
    suggestions=$(printf '%s\n' $suggestions | grep -v -e '^/' -e '^-?$')
    COMPREPLY=($(compgen -W "$suggestions" -- "$cur"))
}

complete -F _vrrpd vrrpd
