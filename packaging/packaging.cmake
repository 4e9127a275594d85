# Installation layout and the Debian package:
#
#   cmake --build build && (cd build && cpack -G DEB)    ->  build/praxis_<version>_<arch>.deb
#
#   /usr/bin/praxis-server, /usr/bin/praxis-index
#   /usr/share/praxis/{web,schemas,content}   interface files, vocabulary, the entries' snapshot
#   /etc/praxis/praxis.yaml                   default configuration (a conffile)
#   /usr/lib/systemd/system/                  server, reindex (service, path, timer), replication
#   /usr/share/doc/praxis/                    README, docs/, examples/ (nginx, Prometheus)
#
# The paths in packaging/praxis.yaml assume the /usr prefix that the package uses.

# `cpack` and `cmake --install` package what is built and do not build everything first (tests
# and benchmarks included): build before packaging. The .deb test relies on this to stay quick.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(TARGETS praxis-server praxis-index RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/ DESTINATION share/praxis/web)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/schemas/ DESTINATION share/praxis/schemas
        FILES_MATCHING PATTERN "*.yaml" PATTERN "*.json" PATTERN "*.md")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/content/ DESTINATION share/praxis/content
        FILES_MATCHING PATTERN "*.md")
install(FILES ${PROJECT_SOURCE_DIR}/packaging/praxis.yaml DESTINATION /etc/praxis)
install(FILES
          ${PROJECT_SOURCE_DIR}/packaging/praxis-server.service
          ${PROJECT_SOURCE_DIR}/packaging/praxis-reindex.service
          ${PROJECT_SOURCE_DIR}/packaging/praxis-reindex.path
          ${PROJECT_SOURCE_DIR}/packaging/praxis-reindex.timer
          ${PROJECT_SOURCE_DIR}/packaging/praxis-replicate-server.service
          ${PROJECT_SOURCE_DIR}/packaging/praxis-replica@.service
        DESTINATION lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION share/doc/praxis)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION share/doc/praxis FILES_MATCHING PATTERN "*.md")
install(FILES
          ${PROJECT_SOURCE_DIR}/packaging/nginx/praxis.conf
          ${PROJECT_SOURCE_DIR}/packaging/prometheus/praxis-scrape.yml
          ${PROJECT_SOURCE_DIR}/packaging/prometheus/praxis-alerts.yml
        DESTINATION share/doc/praxis/examples)

set(PRAXIS_PACKAGE_MAINTAINER "Praxis maintainers <maintainers@praxis.invalid>"
    CACHE STRING "Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME praxis)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${PRAXIS_PACKAGE_MAINTAINER})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "knowledge base of good practices in community policing and youth drug prevention")
set(CPACK_PACKAGE_DESCRIPTION
"Praxis lets police, ministries, municipalities, civil society and young people across the
OSCE area share what they do in community policing and in the prevention of drug use among
young people, check what is known to work, and find practices from places like their own.

This package holds praxis-index (validates entries and builds a Xapian index), praxis-server
(faceted search as a JSON API and web pages), the vocabulary, a snapshot of the entries and
sandboxed systemd units.")
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Runtime libraries (libxapian30, libyaml-cpp0.7, libcmark, libcpp-httplib, libxxhash, ...)
# are found by dpkg-shlibdeps from the binaries, so the list is always the one they link.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# xapian-tools: replication (xapian-replicate, xapian-replicate-server) and remote shards.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "xapian-tools")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx | apache2, git")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/deb/conffiles
    ${PROJECT_SOURCE_DIR}/packaging/deb/postinst
    ${PROJECT_SOURCE_DIR}/packaging/deb/prerm
    ${PROJECT_SOURCE_DIR}/packaging/deb/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
