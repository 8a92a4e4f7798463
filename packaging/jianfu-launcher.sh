#!/bin/sh
# /usr/bin/jianfu: starts the app installed in /opt/jianfu.
#
# Chinese input: the bundled Qt has input-context plugins for ibus (and compose), not for
# fcitx. A desktop that sets QT_IM_MODULE=fcitx (UOS, Kylin, fcitx5 on Debian) would leave Qt
# without an input method, so Qt is given a list to try in order: the session's own choice,
# then ibus (fcitx5 also answers the ibus protocol through its ibus frontend), then compose.
# An explicit QT_IM_MODULES set by the user is left alone.
if [ -z "${QT_IM_MODULES:-}" ]; then
    case "${QT_IM_MODULE:-}" in
        ""|ibus) ;;
        *) QT_IM_MODULES="${QT_IM_MODULE};ibus;compose"; export QT_IM_MODULES ;;
    esac
fi
exec /opt/jianfu/jianfu "$@"
