# The Debian package: `cpack -G DEB` in a Release build tree (scripts/package
# does both; docs/packaging.md). Included last from the top-level
# CMakeLists.txt, so every install() rule of the project is in the package.
#
# Depends is computed, not written: CPACK_DEBIAN_PACKAGE_SHLIBDEPS runs
# dpkg-shlibdeps on the installed binaries, which maps each shared library they
# link (Qt 6 Core/Gui/Widgets/PrintSupport/Svg, QCustomPlot, libstdc++ ...) to the
# Debian package and minimum version that provides it. Qt's platform plugins
# (xcb, offscreen) ship in libqt6gui6 and its SVG plugins in libqt6svg6, both
# of which those libraries pull in, so nothing needs adding by hand.

set(QUANTSCOPE_PACKAGE_MAINTAINER "The Quantscope developers <quantscope@example.org>"
    CACHE STRING "The Debian package's Maintainer field (a placeholder until the project is published)")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME quantscope)
set(CPACK_PACKAGE_VENDOR "The Quantscope developers")
set(CPACK_PACKAGE_CONTACT "${QUANTSCOPE_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "teach and explore neural-network quantization")
# The extended description (apt show); CPack puts the summary above it as the synopsis line.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Quantscope shows what quantization does to numbers: number formats bit by
bit (FP32 down to FP4, E8M0, any ExMy, fixed point and integers), quantizers
and calibration methods, and the errors they make.
.
The desktop application has a live explorer with histogram, transfer and
error plots, a Bit Lab that encodes any value step by step, a Model Lab that
compares post-training quantization with quantization-aware training, guided
lessons and a quiz. quantscope-cli answers the same questions on the command
line, with JSON output for scripts.")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${QUANTSCOPE_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The icon theme and the MIME database are read, not linked: recommended, so
# that a minimal system can still install the package for the command line.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "hicolor-icon-theme, shared-mime-info")
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # quantscope_VERSION-1_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# The MIME, desktop and icon caches are refreshed by the dpkg file triggers of
# shared-mime-info, desktop-file-utils and hicolor-icon-theme, so the package
# needs no maintainer scripts.

include(CPack)
