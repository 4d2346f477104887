"""Resolve a pinned LanguageTool server and the language modules it needs from Maven Central.

LanguageTool stopped publishing versioned ZIPs, and language-tool-python's own download needs
a host this project cannot reach, so the jars come from Maven through a tiny generated pom.
``languagetool-server`` depends on ``language-all`` (every language, ~250 MB); the pom excludes
it and adds the few ``language-xx`` modules we need instead. The result is one self-contained
``libs/`` folder, so a second run is a file check, not a Maven run.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tactful.config import current
from tactful.grammar.defaults import LT_VERSION

SERVER_JAR = f"languagetool-server-{LT_VERSION}.jar"
_MARKER = ".installed"
# English is what we check. Spanish, Catalan and Portuguese are there only because LanguageTool
# 6.8's language detector (CommonWordsDetector) looks them up while the HTTP server starts and
# the server dies with "'es' is not a language code known to LanguageTool" without them
# (about 21 MB together, against ~250 MB for language-all).
LANGUAGE_MODULES = ("en", "es", "ca", "pt")
_MODULE_DEPENDENCIES = "\n".join(
    f"    <dependency><groupId>org.languagetool</groupId><artifactId>language-{code}</artifactId>"
    f"<version>{LT_VERSION}</version></dependency>"
    for code in LANGUAGE_MODULES
)

_POM = f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>tactful.local</groupId><artifactId>languagetool-bundle</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.languagetool</groupId><artifactId>languagetool-server</artifactId>
      <version>{LT_VERSION}</version>
      <exclusions>
        <exclusion><groupId>org.languagetool</groupId><artifactId>language-all</artifactId></exclusion>
      </exclusions>
    </dependency>
{_MODULE_DEPENDENCIES}
  </dependencies>
  <build><plugins><plugin>
    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId>
    <version>3.8.1</version>
    <executions><execution>
      <id>copy-languagetool</id><phase>package</phase><goals><goal>copy-dependencies</goal></goals>
      <configuration>
        <outputDirectory>${{outputDir}}</outputDirectory><includeScope>runtime</includeScope>
      </configuration>
    </execution></executions>
  </plugin></plugins></build>
</project>
"""


NOT_INSTALLED = "LanguageTool is not installed; run: tactful languagetool install"


class InstallError(RuntimeError):
    """Maven is missing or could not resolve LanguageTool."""


def lt_home() -> Path:
    """Where the jars live: ``TACTFUL_LT_HOME`` or ``~/.cache/tactful/languagetool-<version>``."""
    return current().lt_home


def libs_dir(home: Path | None = None) -> Path:
    return (home or lt_home()) / "libs"


def installed_classpath(home: Path | None = None) -> str | None:
    """The ``java -cp`` value if a complete install is there, else None (no Maven run)."""
    libs = libs_dir(home)
    if (libs / _MARKER).is_file() and (libs / SERVER_JAR).is_file():
        return str(libs / "*")
    return None


def install(home: Path | None = None) -> str:
    """Resolve the jars into ``<home>/libs`` once and return the classpath.

    Maven copies into a scratch folder that is renamed into place only when it succeeded, so
    an interrupted install never looks complete.
    """
    home = home or lt_home()
    classpath = installed_classpath(home)
    if classpath:
        return classpath
    mvn = shutil.which("mvn")
    if not mvn:
        raise InstallError("Maven (mvn) is not on PATH; install it (Debian package 'maven')")
    home.mkdir(parents=True, exist_ok=True)
    pom = home / "pom.xml"
    pom.write_text(_POM, encoding="utf-8")
    scratch = home / "libs.partial"
    shutil.rmtree(scratch, ignore_errors=True)
    run = subprocess.run(
        [mvn, "-B", "-q", "-f", str(pom), f"-DoutputDir={scratch}", "package"],
        capture_output=True, text=True, check=False,
    )
    if run.returncode != 0 or not (scratch / SERVER_JAR).is_file():
        tail = (run.stdout + run.stderr).strip().splitlines()[-15:]
        raise InstallError("Maven could not resolve LanguageTool:\n" + "\n".join(tail))
    (scratch / _MARKER).write_text(LT_VERSION + "\n", encoding="utf-8")
    shutil.rmtree(libs_dir(home), ignore_errors=True)
    scratch.rename(libs_dir(home))
    return str(libs_dir(home) / "*")
