# bash completion for quantscope-cli and quantscope.
#
# The candidates come from the programs themselves: `quantscope-cli __complete
# WORDS...` reads the same command and option tables as the parser (commands,
# options, option values, format specs, quantizer names, tensor names after
# FILE:), so this script never goes out of date. Output lines starting with '@'
# are directives: @file (also complete file names), @nospace (the candidate
# continues, e.g. "percentile:").

# The words up to the cursor as the user typed them: bash splits "a.npy:w" and
# "--bins=8" at ':' and '=' (COMP_WORDBREAKS); glue those pieces back together.
_quantscope_words()
{
    _qs_words=()
    local i w n=-1
    for ((i = 1; i <= COMP_CWORD; i++)); do
        w="${COMP_WORDS[i]}"
        if ((n >= 0)) && [[ "$w" == [:=]* || "${COMP_WORDS[i - 1]}" == [:=] ]] && ((i > 1)); then
            _qs_words[n]+="$w"
        else
            _qs_words+=("$w")
            ((n++))
        fi
    done
    ((n < 0)) && _qs_words+=("")
    return 0
}

# $1: the helper program; the rest: arguments before the words.
_quantscope_run()
{
    local helper="$1"
    shift
    _quantscope_words
    local full="${_qs_words[${#_qs_words[@]} - 1]}"
    # readline replaces only the text after the last ':' or '=' of the word.
    local cur="${full##*[:=]}"
    local -a lines
    mapfile -t lines < <("$helper" __complete "$@" "${_qs_words[@]}" 2>/dev/null)
    COMPREPLY=()
    local line strip=$((${#full} - ${#cur}))
    ((strip < 0)) && strip=0
    local files=0 nospace=0
    for line in "${lines[@]}"; do
        case "$line" in
        @file) files=1 ;;
        @nospace) nospace=1 ;;
        *) COMPREPLY+=("${line:strip}") ;;
        esac
    done
    if ((files)); then
        local f
        while IFS= read -r f; do COMPREPLY+=("$f"); done < <(compgen -f -- "$cur")
        compopt -o filenames 2>/dev/null
    fi
    ((nospace)) && compopt -o nospace 2>/dev/null
    return 0
}

# The helper: the quantscope-cli being completed (a path like build/app/quantscope-cli
# works too), else the one on PATH.
_quantscope_helper()
{
    local prog="${COMP_WORDS[0]/#\~/$HOME}"
    if [[ "$prog" == */* && -x "$prog" && "${prog##*/}" == quantscope-cli ]]; then
        printf '%s\n' "$prog"
    elif [[ "$prog" == */* && -x "${prog%/*}/quantscope-cli" ]]; then
        printf '%s\n' "${prog%/*}/quantscope-cli"
    else
        printf '%s\n' quantscope-cli
    fi
}

_quantscope_cli()
{
    _quantscope_run "$(_quantscope_helper)"
}

_quantscope()
{
    _quantscope_run "$(_quantscope_helper)" --gui
}

complete -F _quantscope_cli quantscope-cli
complete -F _quantscope quantscope
